"""A stored delivery as an email: multipart text and HTML, its attachments, and the headers
a good sender sets (Message-ID kept across attempts, Date, List-Unsubscribe on anything
that is not essential, Auto-Submitted)."""

import json
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, parseaddr
from typing import Any

from email_validator import EmailNotValidError, validate_email

from ..config import NotificationsSettings


class InvalidMessage(ValueError):
    """The message cannot be sent as stored (a bad address): retrying will not help."""


def build_email(row: Any, settings: NotificationsSettings) -> EmailMessage:
    try:
        recipient = validate_email(row["recipient"], check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise InvalidMessage(f"invalid recipient address: {exc}") from None
    if not row["body_text"]:
        raise InvalidMessage("the message's content was erased")
    message = EmailMessage(policy=SMTP)
    try:
        message["From"] = settings.sender
        message["To"] = recipient
        message["Subject"] = row["subject"] or ""
        message["Date"] = formatdate(usegmt=True)
        message["Message-ID"] = row["message_id"]
        message["Auto-Submitted"] = "auto-generated"
        message["X-Soho-Template"] = row["template"]
        if settings.reply_to:
            message["Reply-To"] = settings.reply_to
        if row["unsubscribe_url"]:
            message["List-Unsubscribe"] = f"<{row['unsubscribe_url']}>"
            message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    except ValueError as exc:  # a header with a line break, say
        raise InvalidMessage(f"invalid header: {exc}") from None
    message.set_content(row["body_text"])
    if row["body_html"]:
        message.add_alternative(row["body_html"], subtype="html")
    for attachment in _attachments(row):
        _, _, subtype = attachment["content_type"].partition(";")[0].partition("/")
        params = dict(p.strip().split("=", 1) for p in attachment["content_type"].split(";")[1:]
                      if "=" in p)
        message.add_attachment(attachment["content"], subtype=subtype.strip(),
                               filename=attachment["filename"], params=params)
    # Last: building the parts moves or drops the Content-* headers set before.
    message["Content-Language"] = row["locale"]
    return message


def _attachments(row: Any) -> list[dict[str, str]]:
    value = row["attachments"]
    return json.loads(value) if isinstance(value, str) else list(value or [])


def envelope_sender(settings: NotificationsSettings) -> str:
    return parseaddr(settings.sender)[1]
