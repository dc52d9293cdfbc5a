"""SQL of identity.links. A link is used by one UPDATE that checks and marks it together:
of two requests racing with the same token, one gets the row, the other nothing."""

import uuid
from datetime import timedelta

import asyncpg


async def insert(conn: asyncpg.Connection, *, token_hash: bytes, account_id: uuid.UUID,
                 purpose: str, lifetime: timedelta) -> None:
    await conn.execute(
        "INSERT INTO links (token_hash, account_id, purpose, expires_at) "
        "VALUES ($1, $2, $3, now() + $4::interval)", token_hash, account_id, purpose, lifetime)


async def usable(conn: asyncpg.Connection, token_hash: bytes,
                 purposes: list[str]) -> asyncpg.Record | None:
    """The link and its account while it can be used (nothing is marked)."""
    return await conn.fetchrow(
        "SELECT l.account_id, l.purpose, a.email, a.role, a.locale FROM links l "
        "JOIN accounts a ON a.id = l.account_id WHERE l.token_hash = $1 "
        "AND l.purpose = ANY($2::text[]) AND l.used_at IS NULL AND l.expires_at > now() "
        "AND a.disabled_at IS NULL", token_hash, purposes)


async def use(conn: asyncpg.Connection, token_hash: bytes,
              purposes: list[str]) -> asyncpg.Record | None:
    """Marks the link used and returns it, if it could still be used."""
    return await conn.fetchrow(
        "UPDATE links SET used_at = now() WHERE token_hash = $1 "
        "AND purpose = ANY($2::text[]) AND used_at IS NULL AND expires_at > now() "
        "RETURNING account_id, purpose", token_hash, purposes)


async def delete_expired(conn: asyncpg.Connection, keep: timedelta) -> int:
    done = await conn.execute("DELETE FROM links WHERE expires_at < now() - $1::interval",
                              keep)
    return int(done.split()[-1])
