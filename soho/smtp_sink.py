"""The embedded SMTP sink for development: accepts every message, keeps each one as an
.eml file and logs who it was for. `soho up` starts it when SMTP_URL is unset."""

import asyncio
import email
import email.policy
import json
import signal
import time
import uuid
from pathlib import Path

from aiosmtpd.controller import Controller


class SinkHandler:
    def __init__(self, maildir: Path) -> None:
        self.maildir = maildir
        maildir.mkdir(parents=True, exist_ok=True)

    async def handle_DATA(self, server, session, envelope) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        path = self.maildir / f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}.eml"
        path.write_bytes(envelope.content)
        print(json.dumps({"event": "smtp_sink.received", "from": envelope.mail_from,
                          "to": envelope.rcpt_tos, "subject": str(message["subject"] or ""),
                          "file": str(path)}), flush=True)
        return "250 Message accepted for delivery"


def run_sink(host: str, port: int, maildir: Path) -> None:
    controller = Controller(SinkHandler(maildir), hostname=host, port=port)
    controller.start()
    print(json.dumps({"event": "smtp_sink.started", "url": f"smtp://{host}:{port}",
                      "maildir": str(maildir)}), flush=True)

    async def wait_for_signal() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()

    try:
        asyncio.run(wait_for_signal())
    finally:
        controller.stop()
