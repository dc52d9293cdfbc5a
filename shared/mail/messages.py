"""An outgoing email as every service builds it: multipart/alternative text and HTML, with
the headers a good sender sets. No I/O: a service's domain builds on it."""

from collections.abc import Mapping
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate

from email_validator import EmailNotValidError, validate_email


class InvalidMessage(ValueError):
    """The message cannot be sent as stored (a bad address, a bad header): retrying will
    not help."""


def new_message(*, sender: str, to: str, subject: str, message_id: str, template: str,
                text: str, html: str | None, headers: Mapping[str, str] | None = None,
                ) -> EmailMessage:
    """From, To (the address checked and normalised), Subject, Date (now: the attempt's),
    Message-ID (the caller's, kept across attempts so a message sent twice is recognisably
    the same), Auto-Submitted, X-Soho-Template, then `headers`; the text part, and the HTML
    alternative when there is one. A caller adds attachments and Content-* headers after:
    adding parts moves or drops Content-* headers set before."""
    try:
        recipient = validate_email(to, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise InvalidMessage(f"invalid recipient address: {exc}") from None
    message = EmailMessage(policy=SMTP)
    try:
        message["From"] = sender
        message["To"] = recipient
        message["Subject"] = subject
        message["Date"] = formatdate(usegmt=True)
        message["Message-ID"] = message_id
        message["Auto-Submitted"] = "auto-generated"
        message["X-Soho-Template"] = template
        for name, value in (headers or {}).items():
            message[name] = value
    except ValueError as exc:  # a line break in a header, say
        raise InvalidMessage(f"invalid header: {exc}") from None
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    return message
