import uuid

from pydantic import AwareDatetime

from .envelope import EventData


class BookingCancelled(EventData):
    """A booking was cancelled by its member or by staff, or released (the member did not
    check in, or was erased). Published by bookings."""

    event_type = "booking.cancelled"

    booking_id: uuid.UUID
    member_id: uuid.UUID
    desk_id: uuid.UUID
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    # Added later, optional: the place of the desk, and why the slot was freed
    # ("member", "staff", "no_show", "erasure").
    telecentre_id: uuid.UUID | None = None
    reason: str | None = None
    # Added later, optional: what was booked and the names a person reads (the
    # cancellation email names them, as the confirmation does).
    resource_kind: str | None = None
    telecentre_name: str | None = None
    desk_name: str | None = None
