"""Resources and the way each is booked: desks and offices by half-day or day, rooms by
the hour. A mode defines the slots of a day; a booking must be made of whole slots."""

from datetime import datetime, time, timedelta
from enum import StrEnum

from shared.reference.calendar import PARIS

from .schedule import local_datetime

# The morning ends and the afternoon starts at this wall-clock time.
MIDDAY = time(13, 0)
HOUR = timedelta(hours=1)


class ResourceKind(StrEnum):
    HOT_DESK = "hot_desk"
    PRIVATE_OFFICE = "private_office"
    MEETING_ROOM = "meeting_room"


class BookingMode(StrEnum):
    HALF_DAY = "half_day"
    DAY = "day"
    HOUR = "hour"


ALLOWED_MODES: dict[ResourceKind, frozenset[BookingMode]] = {
    ResourceKind.HOT_DESK: frozenset({BookingMode.HALF_DAY, BookingMode.DAY}),
    ResourceKind.PRIVATE_OFFICE: frozenset({BookingMode.HALF_DAY, BookingMode.DAY}),
    ResourceKind.MEETING_ROOM: frozenset({BookingMode.HOUR}),
}


def mode_allowed(kind: ResourceKind, mode: BookingMode) -> bool:
    return mode in ALLOWED_MODES[kind]


def day_slots(mode: BookingMode, opens: datetime,
              closes: datetime) -> list[tuple[datetime, datetime]]:
    """The bookable slots of one opening (Paris-aware instants), in order."""
    if mode is BookingMode.DAY:
        return [(opens, closes)]
    if mode is BookingMode.HALF_DAY:
        midday = local_datetime(opens.date(), MIDDAY)
        if midday is None or not opens < midday < closes:
            return [(opens, closes)]
        return [(opens, midday), (midday, closes)]
    slots = []
    hour = opens.hour + (1 if opens.time() > time(opens.hour) else 0)
    while hour < 24:
        start = local_datetime(opens.date(), time(hour))
        hour += 1
        if start is None:  # the hour skipped when clocks go forward
            continue
        end = (start + HOUR).astimezone(PARIS)  # elapsed hour, not wall-clock
        if end > closes:
            break
        slots.append((start, end))
    return slots


def is_aligned(mode: BookingMode, starts_at: datetime, ends_at: datetime,
               opens: datetime, closes: datetime) -> bool:
    """Whether [starts_at, ends_at) is made of whole consecutive slots of that day."""
    slots = day_slots(mode, opens, closes)
    starts = {start for start, _ in slots}
    ends = {end for _, end in slots}
    return starts_at in starts and ends_at in ends
