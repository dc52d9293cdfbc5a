"""Email addresses as accounts know them: trimmed, lower case, one plausible address."""

import re

MAX_LENGTH = 254  # RFC 5321's limit on a path
_SHAPE = re.compile(r"[^@\s]{1,64}@[^@\s]+\.[^@\s]+")


def normalised_email(text: str | None) -> str | None:
    """The address as accounts store it, or None when `text` is not an address."""
    if not text:
        return None
    email = text.strip().lower()
    if len(email) > MAX_LENGTH or not _SHAPE.fullmatch(email):
        return None
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in email):
        return None
    return email
