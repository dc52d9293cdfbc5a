"""Identity's emails without I/O: which templates exist, the language one is written in,
what follows a failed attempt (try again later, or never; the failure kinds and the
doubling delay are shared.mail's), and a stored mail as the EmailMessage that goes to the
server."""

from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any, Literal

from shared.mail.failures import Failure, FailureKind
from shared.mail.messages import InvalidMessage, new_message
from shared.mail.retries import RetryPolicy

# Each template and the context it needs (the caller passes exactly these).
TEMPLATES: dict[str, frozenset[str]] = {
    "invitation": frozenset({"link", "name", "invited_by"}),
    "reset": frozenset({"link", "name"}),
    "sign_in": frozenset({"link", "name"}),
    "welcome_member": frozenset({"link", "first_name", "village_name"}),
}
LOCALES = ("fr", "en")
FALLBACK_LOCALE = "fr"
HEADER_PREFIX = "identity."  # X-Soho-Template: identity.<template>


def language(locale: str | None) -> str:
    """fr or en: "en-GB" is English, anything unknown French."""
    primary = (locale or "").strip().lower().replace("_", "-").split("-")[0]
    return primary if primary in LOCALES else FALLBACK_LOCALE


def one_line(text: str) -> str:
    """A subject is a single line: a newline in a header would start another header."""
    return " ".join(text.split())[:250]


@dataclass(frozen=True)
class Decision:
    status: Literal["sent", "retry", "failed"]
    retry_in: float | None = None
    failure: Failure | None = None


def decide(failure: Failure | None, attempts: int, policy: RetryPolicy) -> Decision:
    """What follows the attempt just made (`attempts` counts it). Identity tells only "never"
    (PERMANENT) from "later": an unreachable server is tried again like a 4xx reply."""
    if failure is None:
        return Decision("sent")
    if failure.kind is FailureKind.PERMANENT or attempts >= policy.max_attempts:
        return Decision("failed", failure=failure)
    return Decision("retry", retry_in=policy.backoff(attempts), failure=failure)


def build_message(row: Any, sender: str) -> EmailMessage:
    """An outgoing_mail row as the email that goes to the server (shared.mail's message,
    the template named identity.<template>); InvalidMessage when it cannot be sent as it
    is. Message-ID is the row's: kept across attempts."""
    if not row["text_body"]:
        raise InvalidMessage("the mail's content was cleared")
    return new_message(sender=sender, to=row["to_address"], subject=one_line(row["subject"]),
                       message_id=row["message_id"], template=HEADER_PREFIX + row["template"],
                       text=row["text_body"], html=row["html_body"])
