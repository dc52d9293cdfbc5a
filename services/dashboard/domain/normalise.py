"""The few values the figures are grouped by, made comparable (case, spaces, length)."""

import re

_COUNTRY = re.compile(r"^[A-Z]{2}$")
_SPACES = re.compile(r"\s+")
MAX_SECTOR_LENGTH = 40


def country(code: str | None) -> str | None:
    """ISO 3166-1 alpha-2 in capitals, or None for anything else."""
    if not code:
        return None
    code = code.strip().upper()
    return code if _COUNTRY.match(code) else None


def sector(text: str | None) -> str | None:
    """Lower case, single spaces, at most 40 characters; None when blank."""
    if not text:
        return None
    cleaned = _SPACES.sub(" ", text).strip().lower()[:MAX_SECTOR_LENGTH].strip()
    return cleaned or None


def household_size(size: int | None) -> int:
    """At least one person: a household that moved in has someone in it."""
    return max(1, size or 1)
