"""Reading the projections: the running sums, the newest event time, the recent feed."""

import datetime
import json

import asyncpg

from ..domain.feed import RecentEvent
from ..domain.reading import Row


async def figure_rows(conn: asyncpg.Connection) -> list[Row]:
    rows = await conn.fetch("SELECT dimension, key, measure, value FROM figure WHERE value <> 0")
    return [(r["dimension"], r["key"], r["measure"], r["value"]) for r in rows]


async def last_event_at(conn: asyncpg.Connection) -> datetime.datetime | None:
    return await conn.fetchval("SELECT max(occurred_at) FROM recent_event")


async def recent_events(conn: asyncpg.Connection, limit: int) -> list[RecentEvent]:
    rows = await conn.fetch(
        "SELECT event_id, type, occurred_at, facts FROM recent_event "
        "ORDER BY occurred_at DESC, event_id DESC LIMIT $1", limit)
    return [RecentEvent(r["event_id"], r["type"], r["occurred_at"], json.loads(r["facts"]))
            for r in rows]
