"""The fresh projections a rebuild fills, and swapping them in.

The fresh tables live in their own schema (`dashboard_rebuild`), made by the service's own
migration files, so they are the live ones' twins. The swap, in one transaction:
1. lock the live inbox against new claims (EXCLUSIVE: readers go on, live consumers wait
   until the swap commits, and no live handler is half-way);
2. check that every event the live consumers handled was replayed too (an event published
   after the replay began may have been handled live: then the caller reads on and tries again);
3. drop each live projection table and move its fresh twin in (same names, indexes and all);
4. add the replayed events to the live inbox, so the live consumers skip what the replay did.
One rebuild at a time: each holds a session advisory lock while it runs.
"""

from pathlib import Path

import asyncpg

PROJECTION_TABLES = ("figure", "contact", "person", "member", "booking", "desk",
                     "notification", "recent_event")
MIGRATIONS = Path(__file__).parent.parent / "migrations"
SWAP_LOCK_TIMEOUT = "10s"
REBUILD_LOCK = "dashboard.rebuild"


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


async def try_lock_rebuild(conn: asyncpg.Connection) -> bool:
    """Take the rebuild lock for the session (closing it releases it); False: it is taken."""
    return await conn.fetchval("SELECT pg_try_advisory_lock(hashtext($1))", REBUILD_LOCK)


async def prepare_fresh_schema(conn: asyncpg.Connection, live: str, fresh: str) -> None:
    """An empty copy of the projections (and an inbox) in `fresh`; `conn` reads it first."""
    await conn.execute(f"DROP SCHEMA IF EXISTS {quoted(fresh)} CASCADE")
    await conn.execute(f"CREATE SCHEMA {quoted(fresh)}")
    await conn.execute(f"SET search_path TO {quoted(fresh)}")
    async with conn.transaction():
        for migration in sorted(MIGRATIONS.glob("*.sql")):
            await conn.execute(migration.read_text(encoding="utf-8"))
        await conn.execute(f"CREATE TABLE inbox (LIKE {quoted(live)}.inbox INCLUDING ALL)")


async def drop_fresh_schema(conn: asyncpg.Connection, fresh: str) -> None:
    await conn.execute(f"DROP SCHEMA IF EXISTS {quoted(fresh)} CASCADE")


MISSING_FROM_REPLAY = """
SELECT count(*) FROM {live}.inbox l
WHERE starts_with(l.consumer, $1)
  AND NOT EXISTS (SELECT 1 FROM {fresh}.inbox f
                  WHERE f.consumer = l.consumer AND f.event_id = l.event_id)
"""


async def try_swap(conn: asyncpg.Connection, live: str, fresh: str, consumer: str,
                   accept_missing: bool = False) -> int:
    """Swap the fresh projections in; returns 0, or how many events handled live the
    replay has not seen yet (then nothing changed, unless `accept_missing` was said after
    the stream had nothing more to give)."""
    lv, fr = quoted(live), quoted(fresh)
    async with conn.transaction():
        await conn.execute(f"SET LOCAL lock_timeout = '{SWAP_LOCK_TIMEOUT}'")
        await conn.execute(f"LOCK TABLE {lv}.inbox IN EXCLUSIVE MODE")
        missing = await conn.fetchval(MISSING_FROM_REPLAY.format(live=lv, fresh=fr),
                                      f"{consumer}.")
        if missing and not accept_missing:
            return missing
        for table in PROJECTION_TABLES:
            await conn.execute(f"DROP TABLE {lv}.{table}")
            await conn.execute(f"ALTER TABLE {fr}.{table} SET SCHEMA {lv}")
        await conn.execute(f"INSERT INTO {lv}.inbox SELECT * FROM {fr}.inbox "
                           "ON CONFLICT DO NOTHING")
        await conn.execute(f"DROP SCHEMA {fr} CASCADE")
    return 0
