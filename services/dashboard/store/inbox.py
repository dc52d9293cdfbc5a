"""The dashboard's inbox (the platform's table, in the service's schema: the events each
queue has handled), as the live feed reads it and a rebuild fills it."""

import uuid

import asyncpg

APPLIED = """
SELECT i.event_id FROM inbox i
JOIN unnest($1::text[], $2::uuid[]) AS w (consumer, event_id)
  ON i.consumer = w.consumer AND i.event_id = w.event_id
"""

CLAIM_MANY = """
INSERT INTO inbox (consumer, event_id, event_type)
SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[])
ON CONFLICT DO NOTHING RETURNING consumer, event_id
"""

UNCLAIM_MANY = """
DELETE FROM inbox WHERE (consumer, event_id) IN (
    SELECT * FROM unnest($1::text[], $2::uuid[]))
"""


async def applied(conn: asyncpg.Connection, consumers: list[str],
                  event_ids: list[uuid.UUID]) -> list[uuid.UUID]:
    """Of the events (each with the queue that consumes it), those already handled."""
    return [row["event_id"] for row in await conn.fetch(APPLIED, consumers, event_ids)]


async def claim_many(conn: asyncpg.Connection, consumers: list[str], event_ids: list[uuid.UUID],
                     event_types: list[str]) -> set[tuple[str, uuid.UUID]]:
    """Claim each (queue, event) once; returns the ones claimed now (not handled before)."""
    return {(r["consumer"], r["event_id"]) for r in await conn.fetch(
        CLAIM_MANY, consumers, event_ids, event_types)}


async def unclaim_many(conn: asyncpg.Connection, consumers: list[str],
                       event_ids: list[uuid.UUID]) -> None:
    await conn.execute(UNCLAIM_MANY, consumers, event_ids)
