"""The outbox table: writing events into it inside the caller's transaction, what waits in
it, and deleting what was published long ago."""

from collections.abc import AsyncIterator
from typing import Any

import asyncpg

from shared.correlation import current_correlation_id
from shared.events import CloudEvent


# The one statement that writes outbox rows. Every writer goes through it: `stage_event`
# with VALUES, and a statement that must complete its event with what only it knows (the
# contact intake finds or creates the prospect in the same statement) with a SELECT.
OUTBOX_COLUMNS = ("id", "type", "subject", "body", "correlation_id")


def insert_outbox_rows(rows_sql: str) -> str:
    """`INSERT INTO outbox (...) <rows_sql>`; `rows_sql` yields the columns of
    OUTBOX_COLUMNS in order (a VALUES list or a SELECT), e.g. from `event_row_params`."""
    return f"INSERT INTO outbox ({', '.join(OUTBOX_COLUMNS)}) {rows_sql}"


STAGE_EVENT = insert_outbox_rows("VALUES ($1, $2, $3, $4, $5)")


def event_row_params(event: CloudEvent[Any]) -> tuple:
    """The values of OUTBOX_COLUMNS for `event`, in order."""
    return (event.id, event.type, event.subject, event.to_json_bytes(),
            event.correlationid or current_correlation_id())


def completed_body_sql(event_json: str, fields: dict[str, str]) -> str:
    """SQL for the body column: the event's JSON (the SQL expression `event_json`, a jsonb)
    with each field at path (e.g. "data,prospect_id") set to an SQL expression's value."""
    body = event_json
    for path, value in fields.items():
        body = f"jsonb_set({body}, '{{{path}}}', to_jsonb({value}))"
    return f"convert_to(({body})::text, 'UTF8')"


async def stage_event(conn: asyncpg.Connection, event: CloudEvent[Any]) -> None:
    """Queue `event` for publishing; it leaves only if the surrounding transaction commits."""
    if not conn.is_in_transaction():
        raise RuntimeError("stage_event must run inside the transaction that makes the change")
    await conn.execute(STAGE_EVENT, *event_row_params(event))


BACKLOG = """
SELECT count(*) AS pending, count(*) FILTER (WHERE attempts > 0) AS failing,
       coalesce(extract(epoch FROM now() - min(created_at)), 0)::float AS oldest_seconds
FROM outbox WHERE published_at IS NULL
"""
STUCK = """
SELECT id, type, attempts, last_error, created_at, next_attempt_at FROM outbox
WHERE published_at IS NULL AND attempts > 0 ORDER BY seq LIMIT $1
"""


async def backlog(conn: asyncpg.Connection) -> asyncpg.Record:
    """How many events wait, how many of those failed at least once, the oldest's age."""
    return await conn.fetchrow(BACKLOG)


async def failing_events(conn: asyncpg.Connection, limit: int = 20) -> list[asyncpg.Record]:
    return await conn.fetch(STUCK, limit)


PRUNE_BATCH_SIZE = 1000
PRUNE_STATEMENT_TIMEOUT = 60.0  # seconds; the last statement of a pass may scan the table
# `published_at < ...` is never true of a pending row (NULL). The rows are locked SKIP
# LOCKED, so pruners running at once take disjoint rows: they never wait on each other.
PRUNE = """
DELETE FROM outbox WHERE ctid = ANY(ARRAY(
    SELECT ctid FROM outbox WHERE published_at < now() - make_interval(secs => $1)
    LIMIT $2 FOR UPDATE SKIP LOCKED))
"""


async def prune_published(conn: asyncpg.Connection, older_than_hours: float,
                          batch_size: int = PRUNE_BATCH_SIZE) -> AsyncIterator[int]:
    """Delete events published more than `older_than_hours` ago, `batch_size` rows per
    statement, each statement its own short transaction; yields each statement's count
    until one deletes less than a batch. Events not yet published are never touched."""
    if conn.is_in_transaction():
        raise RuntimeError("prune_published commits each batch: call it outside a transaction")
    while True:
        status = await conn.execute(PRUNE, older_than_hours * 3600, batch_size,
                                    timeout=PRUNE_STATEMENT_TIMEOUT)
        deleted = int(status.split()[-1])  # "DELETE n"
        yield deleted
        if deleted < batch_size:
            return
