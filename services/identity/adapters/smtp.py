"""Handing one email to the mail server at SMTP_URL (aiosmtplib), and what a failure means:
try again later (unreachable, timed out, a 4xx reply) or never (a 5xx reply, a refused
recipient). Identity sends few emails, so each goes on a connection of its own."""

import asyncio
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

import aiosmtplib

from ..domain.mail import Failure, FailureKind, smtp_reply_kind


@dataclass(frozen=True)
class SmtpServer:
    hostname: str
    port: int
    use_tls: bool = False  # smtps://: TLS from the first byte
    start_tls: bool | None = None  # None: STARTTLS when the server offers it
    username: str | None = None
    password: str | None = None


def parse_smtp_url(url: str) -> SmtpServer:
    """smtp://[user:password@]host[:port][?starttls=required|never], or smtps://..."""
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError("SMTP_URL must be smtp://host:port or smtps://host:port")
    use_tls = parts.scheme == "smtps"
    starttls = parse_qs(parts.query).get("starttls", [""])[0]
    return SmtpServer(
        parts.hostname, parts.port or (465 if use_tls else 25), use_tls,
        False if use_tls else {"required": True, "never": False}.get(starttls),
        unquote(parts.username) if parts.username else None,
        unquote(parts.password) if parts.password else None)


async def send(server: SmtpServer, message: EmailMessage, *, sender: str, recipient: str,
               timeout: float) -> Failure | None:
    """None when the server accepted the message for delivery."""
    try:
        await aiosmtplib.send(
            message, sender=sender, recipients=[recipient], hostname=server.hostname,
            port=server.port, use_tls=server.use_tls, start_tls=server.start_tls,
            username=server.username, password=server.password, timeout=timeout)
    except Exception as exc:  # noqa: BLE001 - classified; anything else is re-raised there
        return classify(exc)
    return None


def classify(exc: BaseException) -> Failure:
    """What an aiosmtplib (or socket) exception means for the mail."""
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        refused = exc.recipients[0] if exc.recipients else None
        code = refused.code if refused else 550
        return Failure(smtp_reply_kind(code), f"SMTP {code} refused recipient: "
                       f"{refused.message if refused else exc}")
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        return Failure(smtp_reply_kind(exc.code), f"SMTP {exc.code}: {exc.message}")
    if isinstance(exc, (aiosmtplib.SMTPConnectError, aiosmtplib.SMTPServerDisconnected,
                        aiosmtplib.SMTPTimeoutError, asyncio.TimeoutError, OSError)):
        return Failure(FailureKind.TRANSIENT,
                       f"mail server unreachable: {type(exc).__name__}: {exc}")
    if isinstance(exc, aiosmtplib.SMTPException):
        return Failure(FailureKind.TRANSIENT, f"SMTP: {type(exc).__name__}: {exc}")
    raise exc
