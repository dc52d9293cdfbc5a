"""Staff overrides of the message templates."""

import asyncpg

from ..domain.templates import Override


async def override(conn: asyncpg.Connection, name: str, locale: str) -> Override | None:
    row = await conn.fetchrow("SELECT subject, body_text, body_html FROM template_overrides "
                              "WHERE name = $1 AND locale = $2", name, locale)
    return None if row is None else Override(row["subject"], row["body_text"], row["body_html"])


async def override_row(conn: asyncpg.Connection, name: str,
                       locale: str) -> asyncpg.Record | None:
    return await conn.fetchrow("SELECT subject, body_text, body_html, updated_by, updated_at "
                               "FROM template_overrides WHERE name = $1 AND locale = $2",
                               name, locale)


async def updated_at(conn: asyncpg.Connection, name: str, locale: str):
    return await conn.fetchval("SELECT updated_at FROM template_overrides "
                               "WHERE name = $1 AND locale = $2", name, locale)


async def lock(conn: asyncpg.Connection, name: str, locale: str) -> None:
    """Until the transaction ends: one change of that template and language at a time."""
    await conn.execute("SELECT pg_advisory_xact_lock(hashtext('template_overrides'), "
                       "hashtext($1 || '/' || $2))", name, locale)


async def overrides(conn: asyncpg.Connection) -> list[asyncpg.Record]:
    return await conn.fetch("SELECT name, locale, updated_by, updated_at FROM template_overrides")


async def put(conn: asyncpg.Connection, name: str, locale: str, source: Override,
              updated_by: str) -> None:
    await conn.execute(
        "INSERT INTO template_overrides (name, locale, subject, body_text, body_html, updated_by) "
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (name, locale) DO UPDATE SET "
        "subject = EXCLUDED.subject, body_text = EXCLUDED.body_text, "
        "body_html = EXCLUDED.body_html, updated_by = EXCLUDED.updated_by, updated_at = now()",
        name, locale, source.subject, source.body_text, source.body_html, updated_by)


async def delete(conn: asyncpg.Connection, name: str, locale: str) -> bool:
    return await conn.fetchval("DELETE FROM template_overrides WHERE name = $1 AND locale = $2 "
                               "RETURNING true", name, locale) is not None
