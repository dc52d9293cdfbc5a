"""Places, their opening hours and closures, and their resources."""

import uuid
from datetime import date

import asyncpg

from ..domain.schedule import OpeningHours, PlaceSchedule

PLACE_COLUMNS = "id, kind, name, insee_code, commune, address, demo"
RESOURCE_COLUMNS = "id, place_id, kind, name, capacity, booking_mode, active"


async def list_places(conn: asyncpg.Connection) -> list[asyncpg.Record]:
    return await conn.fetch(f"SELECT {PLACE_COLUMNS} FROM places ORDER BY kind DESC, name")


async def places_page(conn: asyncpg.Connection, after: uuid.UUID | None,
                      limit: int) -> list[asyncpg.Record]:
    """Telecentres first, then coworking spaces, by name; the page after the place `after`
    (keyset: a cursor naming a place that does not exist gives an empty page)."""
    return await conn.fetch(
        f"SELECT {PLACE_COLUMNS} FROM places WHERE $1::uuid IS NULL OR "
        "(kind <> 'telecentre', name, id) > (SELECT kind <> 'telecentre', name, id "
        "FROM places WHERE id = $1) ORDER BY kind <> 'telecentre', name, id LIMIT $2",
        after, limit)


async def count_places(conn: asyncpg.Connection) -> int:
    return await conn.fetchval("SELECT count(*) FROM places")


async def get_place(conn: asyncpg.Connection, place_id: uuid.UUID, *,
                    lock: bool = False) -> asyncpg.Record | None:
    """The place; with `lock`, held until the transaction ends (staff's changes to one
    place go one at a time; bookings, which reference resources only, are not held up)."""
    suffix = " FOR NO KEY UPDATE" if lock else ""
    return await conn.fetchrow(f"SELECT {PLACE_COLUMNS} FROM places WHERE id = $1{suffix}",
                               place_id)


async def opening_hours(conn: asyncpg.Connection,
                        place_ids: list[uuid.UUID]) -> list[asyncpg.Record]:
    return await conn.fetch("SELECT place_id, weekday, opens, closes FROM opening_hours "
                            "WHERE place_id = ANY($1) ORDER BY weekday", place_ids)


async def closures(conn: asyncpg.Connection, place_ids: list[uuid.UUID], since: date,
                   until: date) -> list[asyncpg.Record]:
    return await conn.fetch("SELECT place_id, day, reason FROM closures WHERE place_id = ANY($1)"
                            " AND day BETWEEN $2 AND $3 ORDER BY day", place_ids, since, until)


async def resources(conn: asyncpg.Connection, place_ids: list[uuid.UUID], *,
                    active_only: bool = True) -> list[asyncpg.Record]:
    return await conn.fetch(
        f"SELECT {RESOURCE_COLUMNS} FROM resources WHERE place_id = ANY($1) "
        "AND (active OR NOT $2) ORDER BY kind, name", place_ids, active_only)


async def get_resource(conn: asyncpg.Connection, resource_id: uuid.UUID, *,
                       lock: bool = False) -> asyncpg.Record | None:
    suffix = " FOR NO KEY UPDATE" if lock else ""
    return await conn.fetchrow(f"SELECT {RESOURCE_COLUMNS} FROM resources WHERE id = $1{suffix}",
                               resource_id)


async def closure_reason(conn: asyncpg.Connection, place_id: uuid.UUID, day: date) -> str | None:
    return await conn.fetchval("SELECT reason FROM closures WHERE place_id = $1 AND day = $2",
                               place_id, day)


async def resource_on(conn: asyncpg.Connection, resource_id: uuid.UUID,
                      day: date) -> tuple[asyncpg.Record, PlaceSchedule] | None:
    """The resource (with its place's name, `place_name`), locked until the transaction
    ends, and what its place's schedule says about `day`, in one round trip.

    The lock only queues the bookers of one resource: the exclusion constraint still decides
    (the next one in line sees the committed booking and is refused at once). Without it,
    two overlapping inserts check each other's uncommitted rows and PostgreSQL breaks the
    resulting deadlock after a second by aborting one of them."""
    row = await conn.fetchrow(
        f"SELECT {', '.join('r.' + c for c in RESOURCE_COLUMNS.split(', '))}, h.opens, h.closes,"
        " c.reason, p.name AS place_name FROM resources r JOIN places p ON p.id = r.place_id "
        "LEFT JOIN opening_hours h ON h.place_id = r.place_id AND h.weekday = $3 "
        "LEFT JOIN closures c ON c.place_id = r.place_id AND c.day = $2 "
        "WHERE r.id = $1 FOR NO KEY UPDATE OF r", resource_id, day, day.weekday())
    if row is None:
        return None
    hours = (OpeningHours(day.weekday(), row["opens"], row["closes"]),) if row["opens"] else ()
    return row, PlaceSchedule(hours=hours, closures={day: row["reason"]} if row["reason"] else {})


async def schedule(conn: asyncpg.Connection, place_id: uuid.UUID, since: date,
                   until: date) -> PlaceSchedule:
    """The place's week and its staff closures between two dates."""
    hours = await opening_hours(conn, [place_id])
    closed = await closures(conn, [place_id], since, until)
    return PlaceSchedule(
        hours=tuple(OpeningHours(r["weekday"], r["opens"], r["closes"]) for r in hours),
        closures={r["day"]: r["reason"] for r in closed},
    )


async def insert_place(conn: asyncpg.Connection, place_id: uuid.UUID, kind: str, name: str,
                       insee_code: str, commune: str, address: str, demo: bool = False) -> None:
    await conn.execute(
        "INSERT INTO places (id, kind, name, insee_code, commune, address, demo) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7)",
        place_id, kind, name, insee_code, commune, address, demo)


async def replace_opening_hours(conn: asyncpg.Connection, place_id: uuid.UUID,
                                week: list[OpeningHours]) -> None:
    await conn.execute("DELETE FROM opening_hours WHERE place_id = $1", place_id)
    await conn.executemany(
        "INSERT INTO opening_hours (place_id, weekday, opens, closes) VALUES ($1, $2, $3, $4)",
        [(place_id, h.weekday, h.opens, h.closes) for h in week])


async def upsert_closure(conn: asyncpg.Connection, place_id: uuid.UUID, day: date,
                         reason: str) -> None:
    await conn.execute(
        "INSERT INTO closures (place_id, day, reason) VALUES ($1, $2, $3) "
        "ON CONFLICT (place_id, day) DO UPDATE SET reason = excluded.reason",
        place_id, day, reason)


async def delete_closure(conn: asyncpg.Connection, place_id: uuid.UUID, day: date) -> bool:
    return await conn.fetchval("DELETE FROM closures WHERE place_id = $1 AND day = $2 "
                               "RETURNING true", place_id, day) or False


async def insert_resource(conn: asyncpg.Connection, resource_id: uuid.UUID, place_id: uuid.UUID,
                          kind: str, name: str, capacity: int, booking_mode: str) -> None:
    await conn.execute(
        "INSERT INTO resources (id, place_id, kind, name, capacity, booking_mode) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        resource_id, place_id, kind, name, capacity, booking_mode)


async def update_resource(conn: asyncpg.Connection, resource_id: uuid.UUID, *, name: str,
                          capacity: int, booking_mode: str, active: bool) -> None:
    await conn.execute(
        "UPDATE resources SET name = $2, capacity = $3, booking_mode = $4, active = $5 "
        "WHERE id = $1", resource_id, name, capacity, booking_mode, active)


async def names_of_resource(conn: asyncpg.Connection, resource_id: uuid.UUID) -> asyncpg.Record:
    """A desk's kind and name and its place's name, as a person reads them."""
    return await conn.fetchrow(
        "SELECT r.kind AS resource_kind, r.name AS resource_name, p.name AS place_name "
        "FROM resources r JOIN places p ON p.id = r.place_id WHERE r.id = $1", resource_id)
