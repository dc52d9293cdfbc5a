"""Sending email with aiosmtplib to SMTP_URL, and what a failure means."""

import asyncio
import contextlib
import time
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

import aiosmtplib

from ..domain.outcomes import Failure, FailureKind, smtp_reply_kind


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
        raise ValueError(f"SMTP_URL must be smtp://host:port or smtps://host:port, not {url!r}")
    use_tls = parts.scheme == "smtps"
    starttls = parse_qs(parts.query).get("starttls", [""])[0]
    return SmtpServer(
        parts.hostname, parts.port or (465 if use_tls else 25), use_tls,
        {"required": True, "never": False}.get(starttls) if not use_tls else False,
        unquote(parts.username) if parts.username else None,
        unquote(parts.password) if parts.password else None)


class SmtpConnections:
    """Keeps a few connections to the mail server open between messages: a message then
    costs MAIL, RCPT and DATA, not also a TCP connection, EHLO (and TLS, AUTH) and QUIT.
    A connection that failed in any way is dropped, never reused; one the server closed
    while idle is replaced once, at no charge to the message (nothing was sent on it)."""

    def __init__(self, server: SmtpServer, timeout: float, keep: int = 4,
                 idle_seconds: float = 30.0) -> None:
        self.server = server
        self.timeout = timeout
        self.keep = keep
        self.idle_seconds = idle_seconds
        self._idle: list[tuple[aiosmtplib.SMTP, float]] = []

    async def send(self, message: EmailMessage, sender: str, recipient: str) -> Failure | None:
        """None when the server accepted the message for delivery."""
        client = self._take_idle()
        if client is not None:
            try:
                await client.send_message(message, sender=sender, recipients=[recipient])
                self._give_back(client)
                return None
            except (aiosmtplib.SMTPServerDisconnected, ConnectionError):
                client.close()  # the server closed it while it was idle: a new one below
            except Exception as exc:  # noqa: BLE001 - classified below, connection dropped
                client.close()
                return classify(exc)
        client = aiosmtplib.SMTP(
            hostname=self.server.hostname, port=self.server.port, use_tls=self.server.use_tls,
            start_tls=self.server.start_tls, username=self.server.username,
            password=self.server.password, timeout=self.timeout)
        try:
            await client.connect()
            await client.send_message(message, sender=sender, recipients=[recipient])
        except Exception as exc:  # noqa: BLE001
            client.close()
            return classify(exc)
        self._give_back(client)
        return None

    def _take_idle(self) -> aiosmtplib.SMTP | None:
        now = time.monotonic()
        while self._idle:
            client, since = self._idle.pop()
            if client.is_connected and now - since < self.idle_seconds:
                return client
            client.close()
        return None

    def _give_back(self, client: aiosmtplib.SMTP) -> None:
        if len(self._idle) < self.keep and client.is_connected:
            self._idle.append((client, time.monotonic()))
        else:
            client.close()

    async def close(self) -> None:
        idle, self._idle = self._idle, []
        for client, _ in idle:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(client.quit(), 2)
            client.close()


def classify(exc: BaseException) -> Failure:
    """What an aiosmtplib exception means for the message."""
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        refused = exc.recipients[0] if exc.recipients else None
        code = refused.code if refused else 550
        return Failure(smtp_reply_kind(code), f"SMTP {code} refused recipient: "
                       f"{refused.message if refused else exc}")
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        return Failure(smtp_reply_kind(exc.code), f"SMTP {exc.code}: {exc.message}")
    if isinstance(exc, (aiosmtplib.SMTPConnectError, aiosmtplib.SMTPServerDisconnected,
                        aiosmtplib.SMTPTimeoutError, asyncio.TimeoutError, OSError)):
        return Failure(FailureKind.UNREACHABLE,
                       f"mail server unreachable: {type(exc).__name__}: {exc}")
    if isinstance(exc, aiosmtplib.SMTPException):
        return Failure(FailureKind.TRANSIENT, f"SMTP: {type(exc).__name__}: {exc}")
    raise exc
