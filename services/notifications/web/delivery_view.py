"""A delivery as the staff's pages show it: its words in the reader's language, its dates,
and, for one message, the headers it goes with."""

import json
from typing import Any

from shared.mail.messages import InvalidMessage

from ..config import NotificationsSettings
from ..domain.email_message import build_email
from .deliveries_texts import CHANNELS, LANGUAGES, STATUSES, TEXTS, template_label

LEFT_OUT = {"date", "content-type", "mime-version", "content-transfer-encoding"}


def line(row: Any, lang: str) -> dict[str, Any]:
    """One row of the log or of a person's messages."""
    status = row["status"]
    moment = row["sent_at"] if status == "sent" and row["sent_at"] else (
        row["created_at"] if status in ("pending", "sending") else row["updated_at"])
    return {
        "id": row["id"], "template": row["template"],
        "label": template_label(row["template"], lang), "subject": row["subject"],
        "status": status, "status_text": STATUSES[lang].get(status, status),
        "recipient": row["recipient"], "channel": CHANNELS[lang].get(row["channel"],
                                                                     row["channel"]),
        "created_at": row["created_at"], "updated_at": row["updated_at"],
        "sent_at": row["sent_at"], "when": moment, "attempts": row["attempts"],
        "last_error": row["last_error"] if status in ("failed", "pending") else None,
        "error_kind": TEXTS[lang]["error_kinds"].get(row["last_error_kind"] or "", None),
    }


def message(row: Any, lang: str, settings: NotificationsSettings) -> dict[str, Any]:
    """One message in full: its line, its content and its headers."""
    view = line(row, lang)
    view.update(
        locale=LANGUAGES[lang].get(row["locale"], row["locale"]),
        locale_code=row["locale"] if row["locale"] in LANGUAGES else "fr", event_id=row["event_id"],
        event_type=row["event_type"], message_id=row["message_id"], target=row["target"],
        next_attempt_at=row["next_attempt_at"] if row["status"] in ("pending", "sending")
        else None, resends=row["resends"], body_text=row["body_text"],
        body_html=row["body_html"], is_email=row["channel"] == "email",
        payload=(json.dumps(json.loads(row["payload"]), ensure_ascii=False, indent=2)
                 if row["payload"] else None),
        attachments=[a["filename"] for a in json.loads(row["attachments"] or "[]")],
        erased=not row["body_text"] and not row["payload"],
        headers=headers(row, settings))
    return view


def headers(row: Any, settings: NotificationsSettings) -> list[tuple[str, str]]:
    """The headers the message is sent with (the email's, as the sender builds them; a
    webhook's own); its Date is the attempt's, so it is left out."""
    if row["channel"] != "email":
        return [("Content-Type", "application/json"), ("Soho-Delivery-Id", str(row["id"])),
                ("Soho-Template", row["template"])]
    try:
        email = build_email(row, settings)
    except InvalidMessage:  # its content erased, or an address it cannot go to
        shown = [("From", settings.sender), ("To", row["recipient"]),
                 ("Subject", row["subject"] or ""), ("Message-ID", row["message_id"] or "")]
        return [(name, value) for name, value in shown if value]
    return [(name, str(value)) for name, value in email.items()
            if name.lower() not in LEFT_OUT]
