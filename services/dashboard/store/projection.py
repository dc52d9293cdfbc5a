"""The projections in PostgreSQL (the service's schema, or the rebuild's fresh one: the
statements name no schema, the connection's search_path chooses)."""

import dataclasses
import json
import uuid
from typing import Any

import asyncpg

from ..domain.entities import Entity
from ..domain.feed import RecentEvent
from ..domain.tally import FigureKey

RECENT_EVENTS_KEPT = 50

# Every queue moves the same figure rows, in an order set by its events: one projecting
# transaction at a time (they are short, and batched) instead of deadlocks between queues.
PROJECTION_LOCK = "SELECT pg_advisory_xact_lock(hashtext('soho.dashboard.projection'))"

ADD_TO_FIGURES = """
INSERT INTO figure (dimension, key, measure, value)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) ORDER BY 1, 2, 3
ON CONFLICT (dimension, key, measure) DO UPDATE SET value = figure.value + EXCLUDED.value
"""

ADD_RECENT = """
INSERT INTO recent_event (event_id, type, occurred_at, facts, prospect_id, member_id)
VALUES ($1, $2, $3, $4::jsonb, $5, $6) ON CONFLICT (event_id) DO NOTHING
"""

# Keeps the newest rows: drops those older than the n-th newest.
TRIM_RECENT = """
DELETE FROM recent_event WHERE (occurred_at, event_id) < (
    SELECT occurred_at, event_id FROM recent_event
    ORDER BY occurred_at DESC, event_id DESC OFFSET $1 LIMIT 1)
"""

FORGET_PERSON = """
DELETE FROM recent_event WHERE prospect_id = $1
   OR member_id IN (SELECT id FROM member WHERE prospect_id = $1)
"""


async def lock_projection(conn: asyncpg.Connection) -> None:
    """Wait for the other projecting transactions (held until this one ends)."""
    await conn.execute(PROJECTION_LOCK)


def _columns(entity: Entity) -> list[str]:
    return [f.name for f in dataclasses.fields(entity.state)]


class SqlProjectionStore:
    def __init__(self, conn: asyncpg.Connection, recent_kept: int = RECENT_EVENTS_KEPT):
        self.conn = conn
        self.recent_kept = recent_kept

    async def load(self, entity: Entity, key: uuid.UUID) -> Any:
        # Creating the row when missing and locking it in one statement: two handlers
        # about the same new thing wait for each other instead of failing.
        row = await self.conn.fetchrow(
            f"INSERT INTO {entity.table} (id) VALUES ($1) ON CONFLICT (id) DO UPDATE "
            f"SET id = EXCLUDED.id RETURNING {', '.join(_columns(entity))}", key)
        return entity.state(**dict(row))

    async def save(self, entity: Entity, key: uuid.UUID, state: Any) -> None:
        columns = _columns(entity)
        assignments = ", ".join(f"{c} = ${i + 2}" for i, c in enumerate(columns))
        await self.conn.execute(f"UPDATE {entity.table} SET {assignments} WHERE id = $1",
                                key, *(getattr(state, c) for c in columns))

    async def add_to_figures(self, moves: dict[FigureKey, int]) -> None:
        keys = sorted(moves)  # always the same lock order
        await self.conn.execute(ADD_TO_FIGURES, [k[0] for k in keys], [k[1] for k in keys],
                                [k[2] for k in keys], [moves[k] for k in keys])

    async def add_recent(self, entry: RecentEvent) -> None:
        await self.conn.execute(ADD_RECENT, entry.event_id, entry.type, entry.occurred_at,
                                json.dumps(entry.facts), entry.prospect_id, entry.member_id)
        await self.conn.execute(TRIM_RECENT, self.recent_kept - 1)

    async def forget_person_in_feed(self, prospect_id: uuid.UUID) -> None:
        await self.conn.execute(FORGET_PERSON, prospect_id)
