"""A stored delivery becomes a well-formed multipart email."""

import json
import uuid

import pytest

from services.notifications.config import NotificationsSettings
from services.notifications.domain.email_message import build_email
from shared.mail.messages import InvalidMessage

SETTINGS = NotificationsSettings(NOTIFICATIONS_SENDER="Soho Solo <bonjour@soho.example.org>",
                                 NOTIFICATIONS_REPLY_TO="equipe@soho.example.org")


def row(**overrides):
    values = {"id": uuid.uuid4(), "recipient": "alice@example.org", "subject": "Bienvenue",
              "message_id": "<abc@soho.example.org>", "locale": "fr",
              "template": "solo.welcome", "body_text": "Bonjour\n", "body_html": "<p>Bonjour</p>",
              "unsubscribe_url": "https://soho.example.org/unsubscribe/t", "attachments": "[]"}
    return values | overrides


def test_text_and_html_alternatives_and_the_headers_of_a_good_sender():
    message = build_email(row(), SETTINGS)
    assert message.get_content_type() == "multipart/alternative"
    assert message.get_body(("plain",)).get_content() == "Bonjour\n"
    assert message.get_body(("html",)).get_content().strip() == "<p>Bonjour</p>"
    assert message["Message-ID"] == "<abc@soho.example.org>"
    assert message["From"] == "Soho Solo <bonjour@soho.example.org>"
    assert message["Reply-To"] == "equipe@soho.example.org"
    assert message["Content-Language"] == "fr" and message["Date"]
    assert message["List-Unsubscribe"] == "<https://soho.example.org/unsubscribe/t>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_an_essential_message_has_no_unsubscribe_header():
    assert build_email(row(unsubscribe_url=None), SETTINGS)["List-Unsubscribe"] is None


def test_the_calendar_attachment():
    ics = "BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n"
    attachments = json.dumps([{"filename": "reservation.ics",
                               "content_type": "text/calendar; method=PUBLISH", "content": ics}])
    message = build_email(row(attachments=attachments), SETTINGS)
    assert message.get_content_type() == "multipart/mixed"
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "PUBLISH"
    assert attachment.get_filename() == "reservation.ics"


@pytest.mark.parametrize("recipient", ["not-an-address", "a@b\r\nBcc: x@y.org", ""])
def test_a_bad_address_is_a_permanent_problem(recipient):
    with pytest.raises(InvalidMessage):
        build_email(row(recipient=recipient), SETTINGS)

