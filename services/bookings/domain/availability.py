"""Free slots of a resource on one day: its mode's slots, minus the past and what is taken."""

from datetime import date, datetime

from .modes import BookingMode, day_slots
from .schedule import PlaceSchedule

Period = tuple[datetime, datetime]


def free_slots(mode: BookingMode, day: date, schedule: PlaceSchedule, taken: list[Period],
               now: datetime) -> list[Period]:
    """Slots of `day` that start after `now` and overlap no active booking in `taken`."""
    opening = schedule.opening_on(day)
    if opening is None:
        return []
    return [(start, end) for start, end in day_slots(mode, *opening)
            if start >= now and not any(start < t_end and t_start < end
                                        for t_start, t_end in taken)]


def occupied_share(booked: list[Period], opening: Period | None) -> float:
    """Share (0..1) of one day's opening covered by `booked` (non-overlapping) periods."""
    if opening is None:
        return 0.0
    opens, closes = opening
    covered = sum(((min(end, closes) - max(start, opens)).total_seconds()
                   for start, end in booked if start < closes and opens < end), 0.0)
    return round(covered / (closes - opens).total_seconds(), 4)


def free_at(desks: list[tuple[dict, list[Period]]], starts_at: datetime, ends_at: datetime,
            kind: str | None = None) -> list[dict]:
    """The resources (of `kind` first, then the others) whose free slots include exactly
    [starts_at, ends_at): what to offer when that slot of another desk was just taken."""
    fitting = [desk for desk, slots in desks if (starts_at, ends_at) in slots]
    return sorted(fitting, key=lambda desk: desk["kind"] != kind)


def choices(mode: BookingMode, slots: list[Period]) -> list[Period]:
    """What a member may book of one resource's free slots that day: each slot, and for a
    desk booked by half-day whose morning and afternoon are both free, the whole day too."""
    if mode is BookingMode.HALF_DAY and len(slots) == 2 and slots[0][1] == slots[1][0]:
        return [*slots, (slots[0][0], slots[1][1])]
    return slots
