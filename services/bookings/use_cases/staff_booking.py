"""Staff booking a desk on behalf of a member (who may have no account yet: bookings knows
members by the member_id of solo.installed), and cancelling a member's booking for them.

The booking itself is the members' use case (`booking.book`: the same rules, the exclusion
constraint, desk.booked staged in the outbox); it belongs to the member, and records which
staff member made it (`booked_by`)."""

import uuid
from datetime import datetime

import asyncpg

from ..domain.rules import BookingPolicy
from ..store import bookings, members, places
from . import booking
from .errors import Forbidden, NotFound, UnknownReference

MAX_BOOKED_BY = 200


def _unknown_member() -> NotFound:
    return NotFound("no such member here (not installed yet, or erased)",
                    "membre inconnu ici (pas encore installé, ou effacé)")


async def member(pool: asyncpg.Pool, member_id: uuid.UUID) -> asyncpg.Record:
    """The member as this service knows them; NotFound if it does not."""
    async with pool.acquire() as conn:
        found = await members.get_member(conn, member_id)
    if found is None:
        raise _unknown_member()
    return found


async def book_for_member(pool: asyncpg.Pool, policy: BookingPolicy, member_id: uuid.UUID,
                          resource_id: uuid.UUID, starts_at: datetime, ends_at: datetime,
                          now: datetime, *, staff: str,
                          place_id: uuid.UUID | None = None) -> dict:
    """The member's booking, made by `staff` (their token's subject). An unknown member is
    NotFound here (for a member booking themself it is Forbidden: not a member). With
    `place_id` (a place's page): an unknown place is NotFound, a resource of another place
    an UnknownReference."""
    if place_id is not None:
        async with pool.acquire() as conn:
            if await places.get_place(conn, place_id) is None:
                raise NotFound("no such telecentre", "lieu inconnu")
            resource = await places.get_resource(conn, resource_id)
        if resource is None or resource["place_id"] != place_id:
            raise UnknownReference("desk_id", "no such desk, office or room at this place",
                                   "poste, bureau ou salle inconnu dans ce lieu")
    try:
        return await booking.book(pool, policy, member_id, resource_id, starts_at, ends_at,
                                  now, booked_by=staff[:MAX_BOOKED_BY] or "staff")
    except Forbidden:
        raise _unknown_member() from None


async def cancel_for_member(pool: asyncpg.Pool, member_id: uuid.UUID, booking_id: uuid.UUID,
                            now: datetime) -> bool:
    """Staff cancel one of the member's bookings (reason `staff`). A booking of another
    member, or none, is NotFound; False if it was already cancelled."""
    async with pool.acquire() as conn:
        found = await bookings.get_booking(conn, booking_id)
    if found is None or found["member_id"] != member_id:
        raise NotFound("no such booking of this member", "pas de telle réservation de ce membre")
    return await booking.cancel(pool, booking_id, None, now)
