"""Staff lists of prospects: a page of them, filtered and sorted, and the keyset cursor
of the next page (the sort and the last row of a page, opaque to clients)."""

import base64
import binascii
import json
import uuid
from dataclasses import dataclass
from datetime import datetime

import asyncpg

from ..domain.normalisation import email_identity, like_pattern, search_text
from ..store import listing
from ..store.listing import SORT_COLUMNS, After
from .errors import BadCursor


def parse_sort(sort: str) -> tuple[str, bool]:
    """`-created_at` -> ("created_at", descending)."""
    descending = sort.startswith("-")
    return sort.removeprefix("-"), descending


def encode_cursor(sort: str, value: datetime | str, row_id: uuid.UUID) -> str:
    raw = value.isoformat() if isinstance(value, datetime) else value
    payload = json.dumps([sort, raw, str(row_id)], ensure_ascii=True, separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> After:
    """The position a cursor names, for the same `sort` it was made with."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        name, value, row_id = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        row_id = str(uuid.UUID(row_id))
    except (ValueError, TypeError, binascii.Error, UnicodeError):
        raise BadCursor("not a cursor this service made") from None
    if name != sort:
        raise BadCursor(f"this cursor pages a list sorted by {name}, not {sort}")
    column, sql_type = SORT_COLUMNS[sort.removeprefix("-")]
    if not isinstance(value, str) or "\x00" in value or len(value) > 500:
        raise BadCursor("not a cursor this service made")
    if sql_type == "timestamptz":
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise BadCursor("not a cursor this service made") from None
        if value.tzinfo is None:
            raise BadCursor("not a cursor this service made")
    else:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise BadCursor("not a cursor this service made") from None
    return After(value, row_id)


@dataclass(frozen=True)
class ListQuery:
    """What staff ask for: the filters (stage values, codes, a name) and the page."""

    stages: list[str]
    sector: str | None = None
    origin_country: str | None = None
    village: str | None = None
    assigned_to: str | None = None
    unassigned: bool = False
    q: str | None = None  # part of a name or of an address before the @, or an address
    sort: str = "-created_at"
    cursor: str | None = None
    limit: int = 50
    created_from: datetime | None = None  # first contact at or after
    created_before: datetime | None = None  # first contact before


@dataclass(frozen=True)
class Page:
    items: list[dict]
    next_cursor: str | None  # None on the last page


def store_filters(query: ListQuery) -> listing.Filters:
    """The query's filters as the store applies them."""
    q = query.q
    # A complete address finds that person; any other text, names and the part before @.
    email_key = email_identity(q) if q and "@" in q else None
    folded = search_text(q) if q and not email_key else None
    return listing.Filters(
        stages=query.stages, sector=query.sector, origin_country=query.origin_country,
        village=query.village, assigned_to=query.assigned_to, unassigned=query.unassigned,
        search_pattern=like_pattern(folded) if folded else None, email_key=email_key,
        created_from=query.created_from, created_before=query.created_before)


async def prospect_page(pool: asyncpg.Pool, query: ListQuery, *,
                        conn: asyncpg.Connection | None = None) -> Page:
    """One page of the list; BadCursor if `query.cursor` is not one of ours for its sort.
    (`conn`: on a connection the caller holds, for several lists in one go.)"""
    column, descending = parse_sort(query.sort)
    after = decode_cursor(query.cursor, query.sort) if query.cursor else None
    filters = store_filters(query)
    if conn is not None:
        rows = await listing.list_prospects(conn, filters, column, descending, after,
                                            query.limit)
    else:
        async with pool.acquire() as conn:
            rows = await listing.list_prospects(conn, filters, column, descending, after,
                                                query.limit)
    more = len(rows) > query.limit
    rows = rows[:query.limit]
    next_cursor = None
    if more:
        last = rows[-1]
        key = last[SORT_COLUMNS[column][0]]
        next_cursor = encode_cursor(query.sort, key, last["id"])
    return Page([dict(r) for r in rows], next_cursor)
