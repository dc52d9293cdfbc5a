"""The integration events this service stages in its outbox."""

import asyncpg

from shared.events import BookingCancelled, DeskBooked, new_event
from shared.outbox import stage_event

from ..config import SOURCE
from ..domain.lifecycle import ReleaseReason
from ..store import places


async def stage_desk_booked(conn: asyncpg.Connection, booking: asyncpg.Record) -> None:
    """The booking, with the names a person reads (its place's and its resource's): the
    notifications service names them in the confirmation email."""
    data = DeskBooked(booking_id=booking["id"], member_id=booking["member_id"],
                      telecentre_id=booking["place_id"], desk_id=booking["resource_id"],
                      starts_at=booking["starts_at"], ends_at=booking["ends_at"],
                      resource_kind=booking["resource_kind"],
                      telecentre_name=booking["place_name"], desk_name=booking["resource_name"])
    await stage_event(conn, new_event(data, source=SOURCE, subject=str(booking["id"])))


async def stage_booking_cancelled(conn: asyncpg.Connection, booking: asyncpg.Record,
                                  reason: ReleaseReason) -> None:
    """The slot is free again, with what and where it was (the cancellation email names
    them). An anonymised booking (no member any more) has nobody to name in the event, so
    nothing is published for it."""
    if booking["member_id"] is None:
        return
    names = await places.names_of_resource(conn, booking["resource_id"])
    data = BookingCancelled(booking_id=booking["id"], member_id=booking["member_id"],
                            desk_id=booking["resource_id"], starts_at=booking["starts_at"],
                            ends_at=booking["ends_at"], telecentre_id=booking["place_id"],
                            reason=reason.value, resource_kind=names["resource_kind"],
                            telecentre_name=names["place_name"],
                            desk_name=names["resource_name"])
    await stage_event(conn, new_event(data, source=SOURCE, subject=str(booking["id"])))
