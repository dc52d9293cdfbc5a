"""Who left which list (by the hash of their address)."""

import asyncpg


async def is_suppressed(conn: asyncpg.Connection, address_hash: str, stream: str) -> bool:
    return await conn.fetchval("SELECT true FROM suppressions WHERE address_hash = $1 "
                               "AND stream = $2", address_hash, stream) is not None


async def add(conn: asyncpg.Connection, address_hash: str, stream: str) -> None:
    await conn.execute("INSERT INTO suppressions (address_hash, stream) VALUES ($1, $2) "
                       "ON CONFLICT DO NOTHING", address_hash, stream)
