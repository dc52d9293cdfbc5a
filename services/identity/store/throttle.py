"""SQL of identity.throttle: one counter per key and fixed window, shared by every copy of
the service."""

from datetime import datetime, timedelta

import asyncpg


async def hit(conn: asyncpg.Connection, key: str, window_start: datetime) -> int:
    """Counts one attempt in this window; the attempts so far, this one included."""
    return await conn.fetchval(
        "INSERT INTO throttle (key, window_start, hits) VALUES ($1, $2, 1) "
        "ON CONFLICT (key, window_start) DO UPDATE SET hits = throttle.hits + 1 "
        "RETURNING hits", key, window_start)


async def delete_old(conn: asyncpg.Connection, older_than: timedelta) -> int:
    done = await conn.execute(
        "DELETE FROM throttle WHERE window_start < now() - $1::interval", older_than)
    return int(done.split()[-1])
