"""What staff set: places, their week, their closures, their resources and booking modes."""

import uuid
from datetime import date

import asyncpg

from ..domain.modes import BookingMode, ResourceKind, mode_allowed
from ..domain.schedule import OpeningHours, local_day_bounds
from ..store import bookings, places
from .errors import Conflict, NotFound, UnknownReference


async def _existing_place(conn: asyncpg.Connection, place_id: uuid.UUID) -> None:
    if await places.get_place(conn, place_id) is None:
        raise NotFound("no such telecentre", "lieu inconnu")


async def create_place(pool: asyncpg.Pool, kind: str, name: str, insee_code: str, commune: str,
                       address: str, week: list[OpeningHours]) -> uuid.UUID:
    place_id = uuid.uuid4()
    async with pool.acquire() as conn, conn.transaction():
        await places.insert_place(conn, place_id, kind, name, insee_code, commune, address)
        await places.replace_opening_hours(conn, place_id, week)
    return place_id


async def set_week(pool: asyncpg.Pool, place_id: uuid.UUID, week: list[OpeningHours]) -> None:
    """Replace the opening hours (bookings already made are kept)."""
    async with pool.acquire() as conn, conn.transaction():
        await _existing_place(conn, place_id)
        await places.replace_opening_hours(conn, place_id, week)


async def close_day(pool: asyncpg.Pool, place_id: uuid.UUID, day: date, reason: str) -> int:
    """Close the place that day; returns how many active bookings it holds that day (staff
    decide whether to cancel them)."""
    async with pool.acquire() as conn, conn.transaction():
        await _existing_place(conn, place_id)
        await places.upsert_closure(conn, place_id, day, reason)
        desks = await places.resources(conn, [place_id], active_only=False)
        return len(await bookings.taken_periods(conn, [d["id"] for d in desks],
                                                *local_day_bounds(day)))


async def reopen_day(pool: asyncpg.Pool, place_id: uuid.UUID, day: date) -> None:
    async with pool.acquire() as conn, conn.transaction():
        await _existing_place(conn, place_id)
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


async def change_resource(pool: asyncpg.Pool, resource_id: uuid.UUID,
                          changes: dict) -> asyncpg.Record:
    """Rename, resize, switch booking mode, (de)activate; existing bookings are kept."""
    async with pool.acquire() as conn, conn.transaction():
        current = await places.get_resource(conn, resource_id)
        if current is None:
            raise NotFound("no such desk, office or room", "ressource inconnue")
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
