"""A real SMTP server for tests (aiosmtpd) on a free localhost port.

It keeps every message it accepts, parsed; it can be stopped and started again on the
same port (a mail server going down mid-stream); and it can answer the next messages with
a chosen reply code (`450 ...` to say "later", `550 ...` to say "never").

    from tests.support.smtp import smtp_server  # noqa: F401  (the fixture)

    async def test_...(smtp_server):
        ... SMTP_URL=smtp_server.url ...
        [mail] = await smtp_server.wait_for_messages(to="someone@example.org", count=1)
        assert mail.message["Subject"] == ...
"""

import email
import email.policy
import socket
import threading
import time
from dataclasses import dataclass
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from .waiting import wait_for


@dataclass
class ReceivedMail:
    mail_from: str
    recipients: list[str]
    message: EmailMessage
    raw: bytes
    received_at: float  # time.time()


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


class _Handler:
    def __init__(self, server: "SmtpServer") -> None:
        self.server = server

    async def handle_DATA(self, server, session, envelope) -> str:
        return self.server._accept(envelope)


class SmtpServer:
    def __init__(self, host: str = "127.0.0.1", port: int | None = None) -> None:
        self.host = host
        self.port = port or free_port(host)
        self.messages: list[ReceivedMail] = []
        self._by_recipient: dict[str, list[ReceivedMail]] = {}
        self._lock = threading.Lock()
        self._replies: list[str] = []  # answers for the next messages, instead of 250
        self._controller: Controller | None = None

    @property
    def url(self) -> str:
        return f"smtp://{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._controller is not None

    def start(self) -> "SmtpServer":
        controller = Controller(_Handler(self), hostname=self.host, port=self.port,
                                ready_timeout=10)
        controller.start()
        self._controller = controller
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def reply_next(self, reply: str, count: int = 1) -> None:
        """Answer the next `count` messages with `reply` (e.g. "451 4.3.0 try later")."""
        with self._lock:
            self._replies.extend([reply] * count)

    def _accept(self, envelope) -> str:
        with self._lock:
            if self._replies:
                return self._replies.pop(0)
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            mail = ReceivedMail(envelope.mail_from, list(envelope.rcpt_tos), message,
                                envelope.content, time.time())
            self.messages.append(mail)
            for recipient in {r.lower() for r in mail.recipients}:
                self._by_recipient.setdefault(recipient, []).append(mail)
        return "250 2.0.0 OK: queued"

    def to(self, address: str) -> list[ReceivedMail]:
        with self._lock:
            return list(self._by_recipient.get(address.lower(), []))

    async def wait_for_messages(self, *, to: str, count: int = 1,
                                timeout: float = 15.0) -> list[ReceivedMail]:
        """At least `count` messages for `to`; returns all of them (so a test can also see
        that there is no more than it expects)."""
        await wait_for(lambda: len(self.to(to)) >= count, timeout=timeout,
                       message=f"{count} message(s) to {to} at {self.url}")
        return self.to(to)


@pytest.fixture
def smtp_server():
    server = SmtpServer().start()
    yield server
    server.stop()
