"""A stored delivery as an email: multipart text and HTML, its attachments, and the headers
a good sender sets (shared.mail builds those every service sets; List-Unsubscribe on
anything that is not essential, Reply-To, Content-Language are notifications' own)."""

import json
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Any

from shared.mail.messages import InvalidMessage, new_message

from ..config import NotificationsSettings


def build_email(row: Any, settings: NotificationsSettings) -> EmailMessage:
    """Raises InvalidMessage when the stored delivery cannot be sent as it is."""
    if not row["body_text"]:
        raise InvalidMessage("the message's content was erased")
    headers = {}
    if settings.reply_to:
        headers["Reply-To"] = settings.reply_to
    if row["unsubscribe_url"]:
        headers["List-Unsubscribe"] = f"<{row['unsubscribe_url']}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = new_message(
        sender=settings.sender, to=row["recipient"], subject=row["subject"] or "",
        message_id=row["message_id"], template=row["template"], text=row["body_text"],
        html=row["body_html"], headers=headers)
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
