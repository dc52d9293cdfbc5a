"""Read models of places: the catalogue, free slots per day, and staff occupancy."""

import uuid
from collections import defaultdict
from datetime import date, datetime, timedelta

import asyncpg

from shared.reference.calendar import PARIS

from ..domain.availability import free_at, free_slots, occupied_share
from ..domain.holidays import public_holiday
from ..domain.lifecycle import ACTIVE, Status
from ..domain.modes import BookingMode
from ..domain.schedule import local_day_bounds
from ..store import bookings, places
from .errors import NotFound

UPCOMING_DAYS = 60


async def telecentres(pool: asyncpg.Pool, today: date, place_id: uuid.UUID | None = None, *,
                      days_ahead: int = UPCOMING_DAYS) -> list[dict]:
    """Every place (or one) with its week, its closures of the next `days_ahead` days and
    its resources."""
    async with pool.acquire() as conn:
        rows = await places.list_places(conn)
        if place_id is not None:
            rows = [r for r in rows if r["id"] == place_id]
            if not rows:
                raise NotFound("no such telecentre", "lieu inconnu")
        ids = [r["id"] for r in rows]
        hours, closed, desks = defaultdict(list), defaultdict(list), defaultdict(list)
        until = today + timedelta(days=days_ahead)
        for r in await places.opening_hours(conn, ids):
            hours[r["place_id"]].append(r)
        for r in await places.closures(conn, ids, today, until):
            closed[r["place_id"]].append({"day": r["day"], "reason": r["reason"],
                                          "public_holiday": False})
        for r in await places.resources(conn, ids, active_only=False):
            desks[r["place_id"]].append(r)
    holidays = [{"day": today + timedelta(days=n), "public_holiday": True,
                 "reason": public_holiday(today + timedelta(days=n))}
                for n in range(days_ahead + 1) if public_holiday(today + timedelta(days=n))]
    return [dict(row, hours=hours[row["id"]], desks=desks[row["id"]],
                 closures=sorted(closed[row["id"]] + holidays, key=lambda c: c["day"]))
            for row in rows]


async def _place_day(conn: asyncpg.Connection, place_id: uuid.UUID, day: date):
    if await places.get_place(conn, place_id) is None:
        raise NotFound("no such telecentre", "lieu inconnu")
    schedule = await places.schedule(conn, place_id, day, day)
    return schedule, local_day_bounds(day)


async def availability(pool: asyncpg.Pool, place_id: uuid.UUID, day: date,
                       now: datetime) -> dict:
    """Free slots of each desk, office and room of the place on that day."""
    return (await availability_days(pool, place_id, day, 1, now))[0]


async def taken_and_next_free(pool: asyncpg.Pool, place_id: uuid.UUID, desk_id: uuid.UUID,
                              starts_at: datetime, ends_at: datetime,
                              now: datetime) -> tuple[dict | None, dict | None]:
    """After a 409: the resource asked for, and the next free one of its kind at that time
    (None when none is free, or the place is gone)."""
    try:
        found = await availability(pool, place_id, starts_at.astimezone(PARIS).date(), now)
    except NotFound:
        return None, None
    asked = next((d for d, _ in found["desks"] if d["id"] == desk_id), None)
    offers = [d for d in free_at(found["desks"], starts_at, ends_at,
                                 asked["kind"] if asked else None) if d["id"] != desk_id]
    return asked, offers[0] if offers else None


async def availability_days(pool: asyncpg.Pool, place_id: uuid.UUID, first: date, days: int,
                            now: datetime) -> list[dict]:
    """Free slots of each resource of the place on `days` days from `first` (a week for the
    members' week view), read in a fixed number of queries; each day as `availability`
    gives it, with its `day`. NotFound when there is no such place."""
    last = first + timedelta(days=days - 1)
    async with pool.acquire() as conn:
        if await places.get_place(conn, place_id) is None:
            raise NotFound("no such telecentre", "lieu inconnu")
        schedule = await places.schedule(conn, place_id, first, last)
        desks = await places.resources(conn, [place_id])
        since, until = local_day_bounds(first)[0], local_day_bounds(last)[1]
        taken = defaultdict(list)
        for r in await bookings.taken_periods(conn, [d["id"] for d in desks], since, until):
            taken[r["resource_id"]].append((r["starts_at"], r["ends_at"]))
    answer = []
    for n in range(days):
        day = first + timedelta(days=n)
        slots = [(desk, free_slots(BookingMode(desk["booking_mode"]), day, schedule,
                                   taken[desk["id"]], now)) for desk in desks]
        answer.append({"day": day, "closed_reason": schedule.closure_on(day),
                       "opening": schedule.opening_on(day), "desks": slots})
    return answer


async def occupancy(pool: asyncpg.Pool, place_id: uuid.UUID, day: date) -> dict:
    async with pool.acquire() as conn:
        schedule, (since, until) = await _place_day(conn, place_id, day)
        desks = await places.resources(conn, [place_id], active_only=False)
        rows = await bookings.place_bookings(conn, place_id, since, until)
    opening = schedule.opening_on(day)
    by_desk = defaultdict(list)
    for row in rows:
        by_desk[row["resource_id"]].append(row)
    statuses = [Status(r["status"]) for r in rows]
    return {
        "active": sum(s in ACTIVE for s in statuses),
        "checked_in": statuses.count(Status.CHECKED_IN),
        "no_shows": statuses.count(Status.NO_SHOW),
        "cancelled": statuses.count(Status.CANCELLED),
        "anonymised": sum(r["member_id"] is None for r in rows),
        "desks": [(desk, occupied_share([(r["starts_at"], r["ends_at"])
                                         for r in by_desk[desk["id"]] if r["status"] in ACTIVE],
                                        opening), by_desk[desk["id"]]) for desk in desks],
    }
