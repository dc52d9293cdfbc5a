"""The audit log: what admins read (written by each use case with its change)."""

import asyncpg

from ..store import audit

PAGE_SIZE = 50


async def audit_page(conn: asyncpg.Connection, *, before: int | None,
                     size: int = PAGE_SIZE) -> tuple[list[asyncpg.Record], int | None]:
    """A page of the log, newest first, and the `before` of the next page (None at the end)."""
    rows = await audit.page(conn, before=before, size=size + 1)
    more = len(rows) > size
    rows = rows[:size]
    return rows, (rows[-1]["id"] if more and rows else None)
