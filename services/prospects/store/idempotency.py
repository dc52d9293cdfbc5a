"""Idempotency keys: the first request under a key claims it; a retry reads its answer."""

import json
from datetime import datetime

import asyncpg

# A key older than `expired_before` is free again. A concurrent request with the same key
# waits here for the first one's transaction, then finds the key taken.
CLAIM = """
INSERT INTO idempotency_keys AS k (scope, key, request_hash, created_at)
VALUES ($1, $2, $3, $4)
ON CONFLICT (scope, key) DO UPDATE
    SET request_hash = EXCLUDED.request_hash, response = NULL, created_at = EXCLUDED.created_at
    WHERE k.created_at < $5
RETURNING true
"""


async def claim(conn: asyncpg.Connection, scope: str, key: str, request_hash: bytes,
                now: datetime, expired_before: datetime) -> bool:
    return bool(await conn.fetchval(CLAIM, scope, key, request_hash, now, expired_before))


async def first_answer(conn: asyncpg.Connection, scope: str,
                       key: str) -> tuple[bytes, dict | None] | None:
    row = await conn.fetchrow(
        "SELECT request_hash, response FROM idempotency_keys WHERE scope = $1 AND key = $2",
        scope, key)
    if row is None:
        return None
    return row["request_hash"], json.loads(row["response"]) if row["response"] else None


async def remember_answer(conn: asyncpg.Connection, scope: str, key: str,
                          response: dict) -> None:
    await conn.execute("UPDATE idempotency_keys SET response = $3::jsonb "
                       "WHERE scope = $1 AND key = $2", scope, key, json.dumps(response))


async def forget_before(conn: asyncpg.Connection, cutoff: datetime) -> int:
    result = await conn.execute("DELETE FROM idempotency_keys WHERE created_at < $1", cutoff)
    return int(result.split()[-1])
