"""Handing one email to the mail server at SMTP_URL (aiosmtplib). Identity sends few
emails, so each goes on a connection of its own; what a failure means is shared.mail's
(identity retries an unreachable server like any other "not now": domain.mail.decide)."""

from email.message import EmailMessage

import aiosmtplib

from shared.mail.failures import Failure
from shared.mail.smtp_failures import classify
from shared.mail.smtp_url import SmtpServer


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
