"""The inbox: a consumer's effect and the record that it happened commit together."""

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import asyncpg

from shared.events import CloudEvent

Effect = Callable[[asyncpg.Connection, CloudEvent[Any]], Awaitable[None]]

CLAIM = """
INSERT INTO inbox (consumer, event_id, event_type) VALUES ($1, $2, $3)
ON CONFLICT DO NOTHING RETURNING true
"""

# Ids sorted, so two transactions claiming overlapping sets take the keys in the same order
# and wait for each other instead of deadlocking.
CLAIM_MANY = """
INSERT INTO inbox (consumer, event_id, event_type)
SELECT $1, id, type FROM unnest($2::uuid[], $3::text[]) AS claimed(id, type) ORDER BY id
ON CONFLICT DO NOTHING RETURNING event_id
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


async def handle_batch_once(
    pool: asyncpg.Pool, consumer: str, events: Sequence[CloudEvent[Any]], effect: Effect,
    before_each: Callable[[CloudEvent[Any]], None] = lambda event: None,
) -> list[bool]:
    """`handle_once` for several events in ONE transaction: one claim statement, the effects
    in order, one commit. Returns, per event, whether its effect ran (False: a duplicate).

    All or nothing: if any effect raises, nothing of the batch is kept and the exception
    propagates; the caller then handles the events one by one to isolate the failing one.
    """
    async with pool.acquire() as conn, conn.transaction():
        claimed = {row["event_id"] for row in await conn.fetch(
            CLAIM_MANY, consumer, [e.id for e in events], [e.type for e in events])}
        ran = []
        for event in events:
            if event.id in claimed:
                claimed.discard(event.id)  # the same id twice in a batch: its first copy runs
                before_each(event)
                await effect(conn, event)
                ran.append(True)
            else:
                ran.append(False)
        return ran
