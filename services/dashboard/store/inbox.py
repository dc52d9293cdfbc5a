"""The dashboard's inbox (the platform's table, in the service's schema: the events each
queue has handled), as the live feed reads it."""

import uuid

import asyncpg

APPLIED = """
SELECT i.event_id FROM inbox i
JOIN unnest($1::text[], $2::uuid[]) AS w (consumer, event_id)
  ON i.consumer = w.consumer AND i.event_id = w.event_id
"""

async def applied(conn: asyncpg.Connection, consumers: list[str],
                  event_ids: list[uuid.UUID]) -> list[uuid.UUID]:
    """Of the events (each with the queue that consumes it), those already handled."""
    return [row["event_id"] for row in await conn.fetch(APPLIED, consumers, event_ids)]
