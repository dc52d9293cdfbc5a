"""Keyset cursors: the sort and the last row of a page, opaque to clients."""

import base64
import binascii
import json
import uuid
from datetime import datetime

from ..store.listing import SORT_COLUMNS, After


class BadCursor(ValueError):
    pass


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
