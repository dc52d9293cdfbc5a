"""Identity's emails without I/O: which templates exist, the language one is written in,
what a failed attempt means (try again later, or never), how long to wait before the next
attempt, and a stored mail as the EmailMessage that goes to the server."""

from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate
from enum import StrEnum
from typing import Any, Literal

from email_validator import EmailNotValidError, validate_email

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


class FailureKind(StrEnum):
    TRANSIENT = "transient"  # not now: unreachable, timed out, SMTP 4xx
    PERMANENT = "permanent"  # never: SMTP 5xx, a refused or invalid address


@dataclass(frozen=True)
class Failure:
    kind: FailureKind
    error: str


def smtp_reply_kind(code: int) -> FailureKind:
    """RFC 5321: 4yz is a transient negative reply, 5yz a permanent one."""
    return FailureKind.PERMANENT if 500 <= code < 600 else FailureKind.TRANSIENT


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int
    first_backoff: float
    max_backoff: float

    def backoff(self, attempts: int) -> float:
        """Seconds before the next attempt once `attempts` were made: first_backoff after
        the first, doubling after each further one, never more than max_backoff."""
        exponent = min(max(attempts - 1, 0), 64)  # 2**64 * anything is past any cap
        return min(self.first_backoff * 2.0 ** exponent, self.max_backoff)


@dataclass(frozen=True)
class Decision:
    status: Literal["sent", "retry", "failed"]
    retry_in: float | None = None
    failure: Failure | None = None


def decide(failure: Failure | None, attempts: int, policy: RetryPolicy) -> Decision:
    """What follows the attempt just made (`attempts` counts it)."""
    if failure is None:
        return Decision("sent")
    if failure.kind is FailureKind.PERMANENT or attempts >= policy.max_attempts:
        return Decision("failed", failure=failure)
    return Decision("retry", retry_in=policy.backoff(attempts), failure=failure)


class InvalidMail(ValueError):
    """The stored mail cannot be sent as it is (a bad address): retrying will not help."""


def build_message(row: Any, sender: str) -> EmailMessage:
    """An outgoing_mail row as multipart/alternative text and HTML, with the headers every
    identity email carries. Date is the attempt's; Message-ID the row's (kept across
    attempts, so a mail sent twice in a crash window is recognisably the same)."""
    try:
        recipient = validate_email(row["to_address"], check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise InvalidMail(f"invalid recipient address: {exc}") from None
    if not row["text_body"]:
        raise InvalidMail("the mail's content was cleared")
    message = EmailMessage(policy=SMTP)
    try:
        message["From"] = sender
        message["To"] = recipient
        message["Subject"] = one_line(row["subject"])
        message["Date"] = formatdate(usegmt=True)
        message["Message-ID"] = row["message_id"]
        message["Auto-Submitted"] = "auto-generated"
        message["X-Soho-Template"] = HEADER_PREFIX + row["template"]
    except ValueError as exc:  # a line break in a header, say
        raise InvalidMail(f"invalid header: {exc}") from None
    message.set_content(row["text_body"])
    if row["html_body"]:
        message.add_alternative(row["html_body"], subtype="html")
    return message
