import uuid

from pydantic import AwareDatetime

from .envelope import EventData


class BookingCancelled(EventData):
    """A booking was cancelled by its member or by staff. Published by bookings."""

    event_type = "booking.cancelled"

    booking_id: uuid.UUID
    member_id: uuid.UUID
    desk_id: uuid.UUID
    starts_at: AwareDatetime
    ends_at: AwareDatetime
