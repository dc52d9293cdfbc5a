"""SQL of identity.sessions (rows keyed by the SHA-256 of the cookie's token)."""

import uuid
from datetime import datetime

import asyncpg


async def insert(conn: asyncpg.Connection, *, token_hash: bytes, account_id: uuid.UUID,
                 idle_seconds: int, expires_at: datetime, client: str | None) -> None:
    await conn.execute(
        "INSERT INTO sessions (token_hash, account_id, idle_seconds, expires_at, client) "
        "VALUES ($1, $2, $3, $4, $5)", token_hash, account_id, idle_seconds, expires_at, client)


async def live(conn: asyncpg.Connection, token_hash: bytes) -> asyncpg.Record | None:
    """The session and its account, while neither expired, idle too long, nor disabled."""
    return await conn.fetchrow(
        "SELECT s.token_hash, s.last_seen_at, s.created_at, a.id AS account_id, a.role, "
        "a.email, a.name, a.admin, a.member_id, a.village, a.locale "
        "FROM sessions s JOIN accounts a ON a.id = s.account_id "
        "WHERE s.token_hash = $1 AND s.expires_at > now() "
        "AND s.last_seen_at + make_interval(secs => s.idle_seconds) > now() "
        "AND a.disabled_at IS NULL", token_hash)


async def touch(conn: asyncpg.Connection, token_hash: bytes) -> None:
    await conn.execute("UPDATE sessions SET last_seen_at = now() WHERE token_hash = $1",
                       token_hash)


async def delete(conn: asyncpg.Connection, token_hash: bytes) -> uuid.UUID | None:
    """The account whose session it was, if there was one."""
    return await conn.fetchval("DELETE FROM sessions WHERE token_hash = $1 "
                               "RETURNING account_id", token_hash)


async def delete_all_of(conn: asyncpg.Connection, account_id: uuid.UUID) -> int:
    done = await conn.execute("DELETE FROM sessions WHERE account_id = $1", account_id)
    return int(done.split()[-1])


async def delete_expired(conn: asyncpg.Connection) -> int:
    done = await conn.execute(
        "DELETE FROM sessions WHERE expires_at <= now() "
        "OR last_seen_at + make_interval(secs => idle_seconds) <= now()")
    return int(done.split()[-1])
