"""A stored identity mail as the email that goes out: multipart text and HTML, and the
headers every identity email carries."""

import pytest

from services.identity.domain.mail import build_message
from shared.mail.messages import InvalidMessage

SENDER = "Soho Solo <bonjour@soho-solo.example.org>"


def stored(**changes):
    row = dict(to_address="Ann.Martin@Example.org", template="reset",
               subject="Choisir un nouveau mot de passe", text_body="Bonjour,\nhttps://x/p/t\n",
               html_body="<p>Bonjour,</p><a href=\"https://x/p/t\">lien</a>",
               message_id="<0123abcd@soho-solo.example.org>")
    return {**row, **changes}


def test_the_headers_and_the_parts():
    message = build_message(stored(), SENDER)
    assert message["From"] == SENDER
    assert message["To"] == "Ann.Martin@example.org"  # the domain part normalised
    assert message["Subject"] == "Choisir un nouveau mot de passe"
    assert message["Message-ID"] == "<0123abcd@soho-solo.example.org>"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["X-Soho-Template"] == "identity.reset"
    assert message["Date"]
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == [
        "text/plain", "text/html"]
    assert "https://x/p/t" in message.get_body(("plain",)).get_content()


def test_a_subject_never_spans_lines():
    message = build_message(stored(subject="Hello\r\nBcc: everyone@example.org"), SENDER)
    assert message["Subject"] == "Hello Bcc: everyone@example.org"
    assert message["Bcc"] is None


@pytest.mark.parametrize("changes", [
    dict(to_address="not an address"),
    dict(to_address="a@example.org\nBcc: b@example.org"),
    dict(text_body=None, html_body=None),  # cleared: it was sent already
])
def test_what_cannot_be_sent_is_invalid(changes):
    with pytest.raises(InvalidMessage):
        build_message(stored(**changes), SENDER)
