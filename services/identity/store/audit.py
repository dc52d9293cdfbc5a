"""SQL of identity.audit_log: written with the change it records, read newest first in
pages keyed by id (no OFFSET: the page after a given row stays the same as rows arrive)."""

import uuid

import asyncpg


async def record(conn: asyncpg.Connection, action: str, *, actor_id: uuid.UUID | None = None,
                 subject_id: uuid.UUID | None = None, email: str | None = None,
                 client: str | None = None, detail: str = "") -> None:
    await conn.execute(
        "INSERT INTO audit_log (action, actor_id, subject_id, email, client, detail) "
        "VALUES ($1, $2, $3, $4, $5, $6)", action, actor_id, subject_id, email, client, detail)


async def page(conn: asyncpg.Connection, *, before: int | None,
               size: int) -> list[asyncpg.Record]:
    """`size` rows older than the row `before` (the newest when None), newest first, with
    the names of who did it and whom it concerns."""
    return await conn.fetch(
        "SELECT l.id, l.at, l.action, l.actor_id, l.subject_id, l.email, l.client, l.detail, "
        "actor.name AS actor_name, actor.email AS actor_email, "
        "subject.name AS subject_name, subject.email AS subject_email "
        "FROM audit_log l LEFT JOIN accounts actor ON actor.id = l.actor_id "
        "LEFT JOIN accounts subject ON subject.id = l.subject_id "
        "WHERE $1::bigint IS NULL OR l.id < $1 ORDER BY l.id DESC LIMIT $2", before, size)


async def forget_email(conn: asyncpg.Connection, *, account_id: uuid.UUID | None,
                       email: str | None) -> None:
    """Blanks an erased person's address in the log (the ids stay: they name nobody once
    the account is gone)."""
    await conn.execute(
        "UPDATE audit_log SET email = NULL WHERE email IS NOT NULL AND "
        "(subject_id = $1 OR actor_id = $1 OR ($2::text IS NOT NULL AND lower(email) = $2))",
        account_id, email)
