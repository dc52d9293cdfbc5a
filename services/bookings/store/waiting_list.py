"""The waiting list: members waiting for any resource of one kind at a place, for a slot."""

import uuid
from datetime import datetime

import asyncpg

ENTRY_COLUMNS = "w.id, w.member_id, w.place_id, w.kind, w.starts_at, w.ends_at, w.created_at"


class AlreadyInLine(Exception):
    """The member already waits for that very slot (the unique constraint said no)."""


async def insert_entry(conn: asyncpg.Connection, entry_id: uuid.UUID, member_id: uuid.UUID,
                       place_id: uuid.UUID, kind: str, starts_at: datetime,
                       ends_at: datetime) -> None:
    try:
        await conn.execute(
            "INSERT INTO waiting_list (id, member_id, place_id, kind, starts_at, ends_at) "
            "VALUES ($1, $2, $3, $4, $5, $6)",
            entry_id, member_id, place_id, kind, starts_at, ends_at)
    except asyncpg.UniqueViolationError as exc:
        raise AlreadyInLine() from exc


async def entries_of(conn: asyncpg.Connection, member_id: uuid.UUID, now: datetime, *,
                     entry_id: uuid.UUID | None = None, limit: int = 50) -> list[asyncpg.Record]:
    """The member's entries for slots not over yet (soonest first), with the place's name
    and their place in line (1 = next served), in one query."""
    return await conn.fetch(
        f"SELECT {ENTRY_COLUMNS}, p.name AS place_name, (SELECT count(*) + 1 FROM waiting_list o "
        "WHERE o.place_id = w.place_id AND o.kind = w.kind AND o.starts_at = w.starts_at "
        "AND o.ends_at = w.ends_at AND (o.created_at, o.id) < (w.created_at, w.id)) AS position "
        "FROM waiting_list w JOIN places p ON p.id = w.place_id "
        "WHERE w.member_id = $1 AND w.ends_at > $2 AND ($3::uuid IS NULL OR w.id = $3) "
        "ORDER BY w.starts_at, w.id LIMIT $4", member_id, now, entry_id, limit)


async def get_entry(conn: asyncpg.Connection, entry_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(f"SELECT {ENTRY_COLUMNS} FROM waiting_list w WHERE w.id = $1 "
                               "FOR UPDATE", entry_id)


async def delete_entry(conn: asyncpg.Connection, entry_id: uuid.UUID) -> None:
    await conn.execute("DELETE FROM waiting_list WHERE id = $1", entry_id)


async def delete_entries_of(conn: asyncpg.Connection, member_id: uuid.UUID) -> int:
    done = await conn.execute("DELETE FROM waiting_list WHERE member_id = $1", member_id)
    return int(done.split()[-1])


async def delete_past(conn: asyncpg.Connection, now: datetime) -> int:
    """Entries whose slot is over: nobody can be served any more."""
    done = await conn.execute("DELETE FROM waiting_list WHERE ends_at <= $1", now)
    return int(done.split()[-1])


async def line_for(conn: asyncpg.Connection, place_id: uuid.UUID, kind: str,
                   freed_from: datetime, freed_until: datetime,
                   now: datetime) -> list[asyncpg.Record]:
    """The entries waiting for a slot of that place and kind overlapping the freed period
    and not over, first come first; locked (entries another transaction is serving are
    skipped: they are being served)."""
    return await conn.fetch(
        f"SELECT {ENTRY_COLUMNS} FROM waiting_list w WHERE w.place_id = $1 AND w.kind = $2 "
        "AND w.starts_at < $4 AND w.ends_at > $3 AND w.ends_at > $5 "
        "ORDER BY w.created_at, w.id FOR UPDATE SKIP LOCKED",
        place_id, kind, freed_from, freed_until, now)
