"""The inbox: a consumer's effect and the record that it happened commit together."""

from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg

from shared.events import CloudEvent

Effect = Callable[[asyncpg.Connection, CloudEvent[Any]], Awaitable[None]]

CLAIM = """
INSERT INTO inbox (consumer, event_id, event_type) VALUES ($1, $2, $3)
ON CONFLICT DO NOTHING RETURNING true
"""


async def handle_once(
    pool: asyncpg.Pool, consumer: str, event: CloudEvent[Any], effect: Effect
) -> bool:
    """Run `effect` unless `consumer` already handled this event id. True if it ran.

    A concurrent duplicate blocks on the primary key until the first commits, then skips;
    if the first rolls back, the duplicate runs the effect instead. Nothing happens twice.
    """
    async with pool.acquire() as conn, conn.transaction():
        claimed = await conn.fetchval(CLAIM, consumer, event.id, event.type)
        if not claimed:
            return False
        await effect(conn, event)
        return True
