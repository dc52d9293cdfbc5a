"""Writing events into the outbox, inside the caller's transaction."""

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
