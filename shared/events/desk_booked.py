import uuid

from pydantic import AwareDatetime

from .envelope import EventData


class DeskBooked(EventData):
    """A member booked a desk, office or room in a telecentre. Published by bookings."""

    event_type = "desk.booked"

    booking_id: uuid.UUID
    member_id: uuid.UUID
    telecentre_id: uuid.UUID
    desk_id: uuid.UUID
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    # Added later, optional: what was booked ("hot_desk", "private_office", "meeting_room").
    resource_kind: str | None = None
    # Added later, optional: the names a person reads (a confirmation email names them).
    telecentre_name: str | None = None
    desk_name: str | None = None
