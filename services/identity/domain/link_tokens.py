"""The secrets in emailed links: 32 random bytes (URL-safe base64), of which the database
keeps only the SHA-256, so that a copy of the database opens nothing. Each link has a
purpose and a lifetime."""

import hashlib
import re
import secrets
from datetime import timedelta
from enum import StrEnum

TOKEN_BYTES = 32
# 32 bytes in URL-safe base64 without padding: 43 characters.
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")


class Purpose(StrEnum):
    INVITATION = "invitation"  # a new staff member chooses a password
    RESET = "reset"  # a staff member chooses a new password
    SIGN_IN = "sign_in"  # a solo or a committee signs in


LIFETIMES = {
    Purpose.INVITATION: timedelta(days=7),
    Purpose.RESET: timedelta(hours=1),
    Purpose.SIGN_IN: timedelta(minutes=15),
}
# The welcome email's sign-in link: the welcome arrives when the new member may not read
# it at once (they are moving house), so it stays valid for a week, still single use.
WELCOME_LIFETIME = timedelta(days=7)
PASSWORD_PURPOSES = (Purpose.INVITATION, Purpose.RESET)


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def looks_like_token(text: str) -> bool:
    """Whether `text` could be one of our tokens (anything else is not worth a lookup)."""
    return bool(_TOKEN_SHAPE.fullmatch(text))
