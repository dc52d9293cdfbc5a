"""The delivery log as the staff's pages read it: what needs attention first (failed, then
waiting, then sent, then suppressed; newest first within each), each page one statement
(an index on the same order, migration 0002), and the messages about one person."""

import datetime
import uuid

import asyncpg

# The order of domain.log_cursor.ATTENTION, spelt as the index spells it.
RANK = ("(CASE status WHEN 'failed' THEN 0 WHEN 'pending' THEN 1 WHEN 'sending' THEN 1 "
        "WHEN 'sent' THEN 2 ELSE 3 END)")
LIST_COLUMNS = """id, event_type, recipient, channel, template, locale, prospect_id, subject,
status, attempts, next_attempt_at, last_error, last_error_kind, resends, created_at,
updated_at, sent_at"""

ATTENTION_PAGE = f"""
SELECT {LIST_COLUMNS} FROM deliveries
WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR template = $2)
  AND ($3::uuid IS NULL OR prospect_id = $3)
  AND ($4::int IS NULL OR {RANK} > $4
       OR ({RANK} = $4 AND (created_at, id) < ($5::timestamptz, $6::uuid)))
ORDER BY {RANK}, created_at DESC, id DESC
LIMIT $7
"""

ABOUT_PERSON = f"""
SELECT {LIST_COLUMNS} FROM deliveries
WHERE prospect_id = $1
  AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3::uuid))
ORDER BY created_at DESC, id DESC
LIMIT $4
"""


async def attention_page(conn: asyncpg.Connection, *, status: str | None,
                         template: str | None, prospect_id: uuid.UUID | None,
                         after: tuple[int, datetime.datetime, uuid.UUID] | None,
                         limit: int) -> list[asyncpg.Record]:
    """`after`: the (rank, created_at, id) of the last row of the previous page."""
    rank, created_at, row_id = after or (None, None, None)
    return await conn.fetch(ATTENTION_PAGE, status, template, prospect_id, rank, created_at,
                            row_id, limit)


async def about_person(conn: asyncpg.Connection, prospect_id: uuid.UUID, *,
                       before: tuple[datetime.datetime, uuid.UUID] | None,
                       limit: int) -> list[asyncpg.Record]:
    created_at, row_id = before or (None, None)
    return await conn.fetch(ABOUT_PERSON, prospect_id, created_at, row_id, limit)
