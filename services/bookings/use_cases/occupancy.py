"""Staff's read models of occupancy: a page of places with their desks, rooms and this
week's occupancy; one place's weeks. A fixed number of queries per page, whatever the
number of places or desks."""

import uuid
from collections import defaultdict
from datetime import date, timedelta

import asyncpg

from ..domain.occupancy import WeekGrid, desks_to_count, periods_by_desk, week_grid
from ..domain.modes import ResourceKind
from ..domain.schedule import OpeningHours, PlaceSchedule, local_day_bounds
from ..store import bookings, places
from .errors import NotFound


async def _weeks(conn: asyncpg.Connection, place_ids: list[uuid.UUID], first: date,
                 weeks: int) -> dict:
    """Each place's grid for `weeks` weeks from the Monday `first` (`grids`), and its
    resources (`desks`): four queries in all."""
    last = first + timedelta(days=7 * weeks - 1)
    hours, closed, desks = defaultdict(list), defaultdict(dict), defaultdict(list)
    for r in await places.opening_hours(conn, place_ids):
        hours[r["place_id"]].append(OpeningHours(r["weekday"], r["opens"], r["closes"]))
    for r in await places.closures(conn, place_ids, first, last):
        closed[r["place_id"]][r["day"]] = r["reason"]
    for r in await places.resources(conn, place_ids, active_only=False):
        desks[r["place_id"]].append(r)
    every_desk = [d["id"] for found in desks.values() for d in found]
    taken = await bookings.taken_periods(conn, every_desk, local_day_bounds(first)[0],
                                         local_day_bounds(last)[1])
    grids = {}
    for place_id in place_ids:
        schedule = PlaceSchedule(tuple(hours[place_id]), closed[place_id])
        grids[place_id] = []
        for n in range(weeks):
            monday = first + timedelta(days=7 * n)
            since, until = local_day_bounds(monday)[0], local_day_bounds(monday + timedelta(6))[1]
            booked = periods_by_desk([t for t in taken if t["starts_at"] < until
                                      and t["ends_at"] > since])
            grids[place_id].append(week_grid(monday, schedule,
                                             desks_to_count(desks[place_id], booked), booked))
    return {"grids": grids, "desks": desks}


async def places_page(pool: asyncpg.Pool, monday: date, after: uuid.UUID | None,
                      limit: int) -> tuple[list[dict], uuid.UUID | None]:
    """A page of places, each with its active desks and offices (`desks`), meeting rooms
    (`rooms`) and the week of `monday`'s occupancy (`week_share`, None when closed all
    week); and the cursor of the next page, if any."""
    async with pool.acquire() as conn:
        rows = await places.places_page(conn, after, limit + 1)
        shown = rows[:limit]
        found = await _weeks(conn, [r["id"] for r in shown], monday, 1)
    listed = []
    for row in shown:
        active = [d for d in found["desks"][row["id"]] if d["active"]]
        rooms = sum(d["kind"] == ResourceKind.MEETING_ROOM for d in active)
        listed.append(dict(row, desks=len(active) - rooms, rooms=rooms,
                           week_share=found["grids"][row["id"]][0].week_share))
    return listed, (shown[-1]["id"] if len(rows) > limit else None)


async def place_weeks(pool: asyncpg.Pool, place_id: uuid.UUID, monday: date, *,
                      before: int = 2, after: int = 4) -> tuple[WeekGrid, list[WeekGrid]]:
    """The week of `monday` desk by desk and day by day, and the weeks around it (`before`
    and `after` it, itself included) as a row each."""
    first = monday - timedelta(days=7 * before)
    async with pool.acquire() as conn:
        if await places.get_place(conn, place_id) is None:
            raise NotFound("no such telecentre", "lieu inconnu")
        grids = (await _weeks(conn, [place_id], first, before + 1 + after))["grids"][place_id]
    return grids[before], grids
