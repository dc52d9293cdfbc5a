"""The outbox table: writing events into it inside the caller's transaction, what waits in
it, and deleting what was published long ago."""

from collections.abc import AsyncIterator
from typing import Any

import asyncpg

from shared.correlation import current_correlation_id
from shared.events import CloudEvent


async def stage_event(conn: asyncpg.Connection, event: CloudEvent[Any]) -> None:
    """Queue `event` for publishing; it leaves only if the surrounding transaction commits."""
    if not conn.is_in_transaction():
        raise RuntimeError("stage_event must run inside the transaction that makes the change")
    await conn.execute(
        "INSERT INTO outbox (id, type, subject, body, correlation_id) VALUES ($1, $2, $3, $4, $5)",
        event.id,
        event.type,
        event.subject,
        event.to_json_bytes(),
        event.correlationid or current_correlation_id(),
    )


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
