"""Arrivals waiting for their committee's weekly digest."""

import datetime
import json
import uuid
from typing import Any

import asyncpg


async def add_item(conn: asyncpg.Connection, event_id: uuid.UUID, insee_code: str,
                   prospect_id: uuid.UUID | None, arrival: dict[str, Any]) -> None:
    await conn.execute(
        "INSERT INTO digest_items (event_id, insee_code, prospect_id, arrival) "
        "VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT (event_id, insee_code) DO UPDATE "
        "SET arrival = EXCLUDED.arrival WHERE digest_items.digest_event_id IS NULL",
        event_id, insee_code, prospect_id, json.dumps(arrival))


async def lock_village(conn: asyncpg.Connection, insee_code: str) -> bool:
    """Until the transaction ends, only this connection composes the village's digest;
    False when another holds it."""
    return await conn.fetchval(
        "SELECT pg_try_advisory_xact_lock(hashtext('notifications.digest'), hashtext($1))",
        insee_code)


async def villages_waiting(conn: asyncpg.Connection) -> list[str]:
    return [r["insee_code"] for r in await conn.fetch(
        "SELECT DISTINCT insee_code FROM digest_items WHERE digest_event_id IS NULL")]


async def take_items(conn: asyncpg.Connection, insee_code: str,
                     received_before: datetime.datetime) -> list[asyncpg.Record]:
    """Locks the village's waiting arrivals (another copy composing the same digest skips)."""
    return await conn.fetch(
        "SELECT event_id, arrival FROM digest_items WHERE insee_code = $1 "
        "AND digest_event_id IS NULL AND received_at < $2 FOR UPDATE SKIP LOCKED",
        insee_code, received_before)


async def mark_sent_in(conn: asyncpg.Connection, insee_code: str, event_ids: list[uuid.UUID],
                       digest_event_id: uuid.UUID) -> None:
    await conn.execute("UPDATE digest_items SET digest_event_id = $3 WHERE insee_code = $1 "
                       "AND event_id = ANY($2::uuid[])", insee_code, event_ids, digest_event_id)


def arrival_of(row: asyncpg.Record) -> dict[str, Any]:
    return json.loads(row["arrival"])
