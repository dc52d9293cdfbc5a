"""What an aiosmtplib (or socket) exception means for the message being sent."""

import asyncio

import aiosmtplib

from .failures import Failure, FailureKind, smtp_reply_kind

# The server was never reached, or went away before answering: nothing it said.
_UNREACHABLE = (aiosmtplib.SMTPConnectError, aiosmtplib.SMTPServerDisconnected,
                aiosmtplib.SMTPTimeoutError, asyncio.TimeoutError, OSError)


def classify(exc: BaseException) -> Failure:
    """The failure an exception from sending means; any other exception (a bug) is raised
    again. A service that does not tell UNREACHABLE from TRANSIENT maps it itself."""
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        refused = exc.recipients[0] if exc.recipients else None
        code = refused.code if refused else 550
        return Failure(smtp_reply_kind(code), f"SMTP {code} refused recipient: "
                       f"{refused.message if refused else exc}")
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        return Failure(smtp_reply_kind(exc.code), f"SMTP {exc.code}: {exc.message}")
    if isinstance(exc, _UNREACHABLE):
        return Failure(FailureKind.UNREACHABLE,
                       f"mail server unreachable: {type(exc).__name__}: {exc}")
    if isinstance(exc, aiosmtplib.SMTPException):
        return Failure(FailureKind.TRANSIENT, f"SMTP: {type(exc).__name__}: {exc}")
    raise exc
