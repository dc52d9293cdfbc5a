"""Staff search: what was typed becomes the terms of one kind of search (words, a phone
number, the beginning of an email address), and a page of matches, best first, with the
opaque cursor of the next page (the last match's rank and key, and a fingerprint of the
terms, so that a cursor is not carried over to another search)."""

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass

import asyncpg

from ..domain.normalisation import email_identity, search_text, search_words
from ..store import search as store
from ..store.search import After, Terms
from .errors import BadCursor

PAGE_SIZE = 20
MAX_QUERY = 100  # characters: longer is no one's name, address, phone or town
MIN_LETTERS = 2  # fewer would match nearly everyone
MAX_WORDS = store.MAX_WORDS

_PHONE = re.compile(r"\+?[0-9][0-9\s().\-/]*")
_NOT_A_DIGIT = re.compile(r"[^0-9]")
_ADDRESS_LIKE = re.compile(r"[@._+]|[0-9]")  # one token with these: an address's beginning
_MIN_DIGITS = 6
# The national significant part of a number (9 digits in France): what stays the same
# between "+33 6 12 34 56 78", "0033 6 12…" and "06 12 34 56 78".
_NATIONAL_DIGITS = 9


def terms_of(query: str) -> Terms | None:
    """The terms of a search, or None when the query is too short to search on."""
    query = query.strip()
    if _PHONE.fullmatch(query):
        digits = _NOT_A_DIGIT.sub("", query)
        typed = len(digits)  # "090105" is six digits typed, though stored without its 0
        international = query.startswith("+") or digits.startswith("00")
        digits = digits.lstrip("0")
        if international and len(digits) > _NATIONAL_DIGITS:
            digits = digits[-_NATIONAL_DIGITS:]  # without the country's code
        return Terms("phone", digits) if typed >= _MIN_DIGITS and digits else None
    if query and not any(ch.isspace() for ch in query) and _ADDRESS_LIKE.search(query):
        address = email_identity(query)
        if len(address.split("@", 1)[0]) < MIN_LETTERS:
            return None  # only a domain: everyone at gmail.com is no answer
        return Terms("email", address)
    words = tuple(search_words(query)[:MAX_WORDS])
    if not words or sum(len(w) for w in words) < MIN_LETTERS:
        return None
    return Terms("words", search_text(query), words)


def _fingerprint(terms: Terms) -> str:
    return hashlib.sha256(f"{terms.kind}|{terms.text}|{terms.words}".encode()
                          ).hexdigest()[:12]


def encode_cursor(terms: Terms, rank: float, key: str) -> str:
    payload = json.dumps([_fingerprint(terms), rank, str(key)], separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, terms: Terms) -> After:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        fingerprint, rank, key = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, TypeError, binascii.Error, UnicodeError):
        raise BadCursor("not a cursor this service made") from None
    if (not isinstance(rank, int | float) or isinstance(rank, bool) or not 0 <= rank <= 100
            or not isinstance(key, str) or not 0 < len(key) <= 320 or "\x00" in key):
        raise BadCursor("not a cursor this service made")
    if fingerprint != _fingerprint(terms):
        raise BadCursor("this cursor pages another search")
    if terms.kind != "email" and not re.fullmatch(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}",
                                                  key):
        raise BadCursor("not a cursor this service made")
    return After(float(rank), key)


@dataclass(frozen=True)
class Results:
    items: list[dict]
    next_cursor: str | None  # None on the last page
    searched: bool  # False: the query was too short to search on


async def search(pool: asyncpg.Pool, query: str, cursor: str | None = None,
                 limit: int = PAGE_SIZE) -> Results:
    """A page of matches; BadCursor if `cursor` is not one of this search's."""
    terms = terms_of(query)
    if terms is None:
        return Results([], None, searched=False)
    after = decode_cursor(cursor, terms) if cursor else None
    limit = max(1, min(limit, PAGE_SIZE))
    async with pool.acquire() as conn:
        rows = await store.search(conn, terms, after, limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(terms, rows[-1]["rank"], rows[-1]["key"]) if more else None
    return Results([{k: v for k, v in row.items() if k != "key"} for row in rows],
                   next_cursor, searched=True)
