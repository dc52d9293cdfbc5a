"""What staff set: places, their week, their closures, their resources and booking modes.

The staff pages call the same use cases as the JSON API, and pass what their form was built
from (`seen...`): when the record changed meanwhile, nothing is done (Changed). Changes to
one place go one at a time (its row is locked), so that check cannot miss another's."""

import uuid
from datetime import date

import asyncpg

from ..domain.modes import BookingMode, ResourceKind, mode_allowed
from ..domain.schedule import OpeningHours, local_day_bounds
from ..store import bookings, places
from .errors import Changed, Conflict, NotFound, UnknownReference

CHANGED = ("this place changed since the page was read", "ce lieu a changé entre-temps")


async def _existing_place(conn: asyncpg.Connection, place_id: uuid.UUID) -> None:
    """The place exists; locked until the transaction ends."""
    if await places.get_place(conn, place_id, lock=True) is None:
        raise NotFound("no such telecentre", "lieu inconnu")


async def create_place(pool: asyncpg.Pool, kind: str, name: str, insee_code: str, commune: str,
                       address: str, week: list[OpeningHours]) -> uuid.UUID:
    place_id = uuid.uuid4()
    async with pool.acquire() as conn, conn.transaction():
        await places.insert_place(conn, place_id, kind, name, insee_code, commune, address)
        await places.replace_opening_hours(conn, place_id, week)
    return place_id


def _by_day(week) -> dict[int, tuple]:
    return {h.weekday: (h.opens, h.closes) for h in week}


async def set_week(pool: asyncpg.Pool, place_id: uuid.UUID, week: list[OpeningHours], *,
                   seen: list[OpeningHours] | None = None) -> None:
    """Replace the opening hours (bookings already made are kept); with `seen`, only if the
    week is still the one read."""
    async with pool.acquire() as conn, conn.transaction():
        await _existing_place(conn, place_id)
        if seen is not None:
            current = await places.opening_hours(conn, [place_id])
            if {r["weekday"]: (r["opens"], r["closes"]) for r in current} != _by_day(seen):
                raise Changed(*CHANGED)
        await places.replace_opening_hours(conn, place_id, week)


async def close_day(pool: asyncpg.Pool, place_id: uuid.UUID, day: date, reason: str, *,
                    replace: bool = True) -> int:
    """Close the place that day; returns how many active bookings it holds that day (staff
    decide whether to cancel them). Without `replace`, a closure already set that day is
    kept (Changed: someone set it meanwhile)."""
    async with pool.acquire() as conn, conn.transaction():
        await _existing_place(conn, place_id)
        if not replace and await places.closure_reason(conn, place_id, day) is not None:
            raise Changed("this place is already closed that day",
                          "ce lieu est déjà fermé ce jour-là")
        await places.upsert_closure(conn, place_id, day, reason)
        desks = await places.resources(conn, [place_id], active_only=False)
        return len(await bookings.taken_periods(conn, [d["id"] for d in desks],
                                                *local_day_bounds(day)))


async def reopen_day(pool: asyncpg.Pool, place_id: uuid.UUID, day: date, *,
                     seen_reason: str | None = None) -> None:
    """Remove the closure; with `seen_reason`, only if it still says that."""
    async with pool.acquire() as conn, conn.transaction():
        await _existing_place(conn, place_id)
        if seen_reason is not None:
            reason = await places.closure_reason(conn, place_id, day)
            if reason is not None and reason != seen_reason:
                raise Changed(*CHANGED)
        if not await places.delete_closure(conn, place_id, day):
            raise NotFound("no closure set by staff that day", "aucune fermeture ce jour-là")


async def add_resource(pool: asyncpg.Pool, place_id: uuid.UUID, kind: ResourceKind, name: str,
                       capacity: int, mode: BookingMode) -> asyncpg.Record:
    resource_id = uuid.uuid4()
    async with pool.acquire() as conn, conn.transaction():
        await _existing_place(conn, place_id)
        try:
            await places.insert_resource(conn, resource_id, place_id, kind, name, capacity, mode)
        except asyncpg.UniqueViolationError:
            raise Conflict("this place already has a resource of that name",
                           "ce lieu a déjà une ressource de ce nom") from None
        return await places.get_resource(conn, resource_id)


async def change_resource(pool: asyncpg.Pool, resource_id: uuid.UUID, changes: dict, *,
                          place_id: uuid.UUID | None = None,
                          seen: dict | None = None) -> asyncpg.Record:
    """Rename, resize, switch booking mode, (de)activate; existing bookings are kept. With
    `place_id`, the resource must be that place's; with `seen` (some of its fields as read),
    only if they still hold those values."""
    async with pool.acquire() as conn, conn.transaction():
        current = await places.get_resource(conn, resource_id, lock=True)
        if current is None or place_id is not None and current["place_id"] != place_id:
            raise NotFound("no such desk, office or room", "ressource inconnue")
        if seen is not None and any(current[k] != v for k, v in seen.items()):
            raise Changed("this desk or room changed since the page was read",
                          "ce poste ou cette salle a changé entre-temps")
        merged = {k: current[k] for k in ("name", "capacity", "booking_mode", "active")}
        merged |= {k: v for k, v in changes.items() if v is not None}
        if not mode_allowed(ResourceKind(current["kind"]), BookingMode(merged["booking_mode"])):
            raise UnknownReference(
                "booking_mode", "desks and offices are booked by half_day or day, meeting "
                "rooms by hour", "les postes et bureaux se réservent à la demi-journée ou à "
                "la journée, les salles à l'heure")
        try:
            await places.update_resource(conn, resource_id, **merged)
        except asyncpg.UniqueViolationError:
            raise Conflict("this place already has a resource of that name",
                           "ce lieu a déjà une ressource de ce nom") from None
        return await places.get_resource(conn, resource_id)
