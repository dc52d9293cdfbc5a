"""Sending email with aiosmtplib to SMTP_URL over a few kept-open connections; what a
failure means is shared.mail's (UNREACHABLE kept apart: it hurries the retries once the
server is back)."""

import asyncio
import contextlib
import time
from email.message import EmailMessage

import aiosmtplib

from shared.mail.failures import Failure
from shared.mail.smtp_failures import classify
from shared.mail.smtp_url import SmtpServer


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

