"""Bookings: the table whose exclusion constraint forbids two active bookings at once."""

import uuid
from datetime import datetime, timedelta

import asyncpg

BOOKING_COLUMNS = ("b.id, b.resource_id, r.place_id, r.kind AS resource_kind, "
                   "r.name AS resource_name, b.member_id, b.starts_at, b.ends_at, b.status, "
                   "b.created_at, b.checked_in_at, b.released_at, b.release_reason, b.booked_by")
FROM_BOOKINGS = "FROM bookings b JOIN resources r ON r.id = b.resource_id"
WITH_PLACE = (f"SELECT {BOOKING_COLUMNS}, p.name AS place_name, p.address AS place_address "
              f"{FROM_BOOKINGS} JOIN places p ON p.id = r.place_id")


class Overlap(Exception):
    """Another active booking of that resource overlaps (the exclusion constraint said no)."""


async def insert_booking(conn: asyncpg.Connection, booking_id: uuid.UUID,
                         resource_id: uuid.UUID, member_id: uuid.UUID, starts_at: datetime,
                         ends_at: datetime, booked_by: str | None = None) -> asyncpg.Record:
    """The new row; Overlap if the exclusion constraint refuses it (the caller's
    transaction is then aborted: it must roll back). `booked_by`: the staff member who
    made it for the member (None: the member themself)."""
    try:
        return await conn.fetchrow(
            "INSERT INTO bookings (id, resource_id, member_id, starts_at, ends_at, booked_by) "
            "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, resource_id, member_id, starts_at, "
            "ends_at, status, created_at, checked_in_at, released_at, release_reason, "
            "booked_by", booking_id, resource_id, member_id, starts_at, ends_at, booked_by)
    except asyncpg.ExclusionViolationError as exc:
        raise Overlap() from exc


async def get_booking(conn: asyncpg.Connection, booking_id: uuid.UUID, *,
                      lock: bool = False) -> asyncpg.Record | None:
    suffix = " FOR UPDATE OF b" if lock else ""
    return await conn.fetchrow(f"SELECT {BOOKING_COLUMNS} {FROM_BOOKINGS} WHERE b.id = $1{suffix}",
                               booking_id)


async def release(conn: asyncpg.Connection, booking_id: uuid.UUID, status: str, reason: str,
                  now: datetime) -> None:
    await conn.execute("UPDATE bookings SET status = $2, release_reason = $3, released_at = $4 "
                       "WHERE id = $1", booking_id, status, reason, now)


async def check_in(conn: asyncpg.Connection, booking_id: uuid.UUID, now: datetime) -> None:
    await conn.execute("UPDATE bookings SET status = 'checked_in', checked_in_at = $2 "
                       "WHERE id = $1", booking_id, now)


async def hours_booked(conn: asyncpg.Connection, member_id: uuid.UUID, since: datetime,
                       until: datetime) -> float:
    """Hours of the member's active bookings starting in [since, until)."""
    seconds = await conn.fetchval(
        "SELECT coalesce(sum(extract(epoch FROM ends_at - starts_at)), 0) FROM bookings "
        "WHERE member_id = $1 AND status IN ('booked', 'checked_in') "
        "AND starts_at >= $2 AND starts_at < $3", member_id, since, until)
    return float(seconds) / 3600


async def taken_periods(conn: asyncpg.Connection, resource_ids: list[uuid.UUID],
                        since: datetime, until: datetime) -> list[asyncpg.Record]:
    """Active bookings of these resources overlapping [since, until)."""
    return await conn.fetch(
        "SELECT resource_id, starts_at, ends_at FROM bookings WHERE resource_id = ANY($1) "
        "AND status IN ('booked', 'checked_in') AND starts_at < $3 AND ends_at > $2 "
        "ORDER BY starts_at", resource_ids, since, until)


async def place_bookings(conn: asyncpg.Connection, place_id: uuid.UUID, since: datetime,
                         until: datetime) -> list[asyncpg.Record]:
    """Every booking (any status, anonymised ones too) of a place overlapping [since, until)."""
    return await conn.fetch(
        f"SELECT {BOOKING_COLUMNS} {FROM_BOOKINGS} WHERE r.place_id = $1 "
        "AND b.starts_at < $3 AND b.ends_at > $2 ORDER BY b.starts_at, r.name",
        place_id, since, until)


async def member_bookings(conn: asyncpg.Connection, member_id: uuid.UUID, *,
                          active_only: bool = False, limit: int = 500) -> list[asyncpg.Record]:
    return await conn.fetch(
        f"{WITH_PLACE} WHERE b.member_id = $1 "
        "AND (b.status IN ('booked', 'checked_in') OR NOT $2) "
        "ORDER BY b.starts_at DESC LIMIT $3", member_id, active_only, limit)


async def member_bookings_page(conn: asyncpg.Connection, member_id: uuid.UUID, now: datetime,
                               *, coming: bool, after: uuid.UUID | None,
                               limit: int) -> list[asyncpg.Record]:
    """One page of the member's bookings (any status), with their place: those not over yet
    soonest first (`coming`), or those over, latest first; keyset after the booking `after`."""
    if coming:
        where, order, compare = "b.ends_at > $2", "ASC", ">"
    else:
        where, order, compare = "b.ends_at <= $2", "DESC", "<"
    return await conn.fetch(
        f"{WITH_PLACE} WHERE b.member_id = $1 AND {where} AND ($3::uuid IS NULL OR "
        f"(b.starts_at, b.id) {compare} (SELECT starts_at, id FROM bookings WHERE id = $3)) "
        f"ORDER BY b.starts_at {order}, b.id {order} LIMIT $4", member_id, now, after, limit)


async def booking_with_place(conn: asyncpg.Connection,
                             booking_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(f"{WITH_PLACE} WHERE b.id = $1", booking_id)


async def active_bookings_of(conn: asyncpg.Connection, member_id: uuid.UUID,
                             ending_after: datetime) -> list[asyncpg.Record]:
    return await conn.fetch(
        f"SELECT {BOOKING_COLUMNS} {FROM_BOOKINGS} WHERE b.member_id = $1 "
        "AND b.status IN ('booked', 'checked_in') AND b.ends_at > $2 FOR UPDATE OF b",
        member_id, ending_after)


async def due_for_release(conn: asyncpg.Connection, now: datetime, grace: timedelta,
                          limit: int) -> list[asyncpg.Record]:
    """Bookings not checked in past their deadline, locked; rows another sweeper holds
    are skipped, so several copies of the service share the work."""
    return await conn.fetch(
        f"SELECT {BOOKING_COLUMNS} {FROM_BOOKINGS} WHERE b.status = 'booked' "
        "AND b.starts_at <= $1 AND least(b.starts_at + $2, b.ends_at) <= $1 "
        "ORDER BY b.starts_at LIMIT $3 FOR UPDATE OF b SKIP LOCKED", now, grace, limit)
