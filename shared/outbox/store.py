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


async def pending_count(conn: asyncpg.Connection) -> int:
    return await conn.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL")
