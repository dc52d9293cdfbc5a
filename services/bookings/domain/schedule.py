"""A place's week (opening hours per weekday) and its closures, in Europe/Paris time."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from shared.reference.calendar import PARIS

from .holidays import public_holiday

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def local_datetime(day: date, at: time) -> datetime | None:
    """`day` at wall-clock `at` in Paris, or None when that time does not exist (the hour
    skipped when clocks go forward)."""
    candidate = datetime.combine(day, at, tzinfo=PARIS)
    round_trip = candidate.astimezone(UTC).astimezone(PARIS)
    return candidate if round_trip.replace(tzinfo=None) == candidate.replace(tzinfo=None) else None


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The UTC instants where the Paris day starts and ends (23, 24 or 25 hours apart)."""
    start = datetime.combine(day, time(0), tzinfo=PARIS).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=PARIS).astimezone(UTC)
    return start, end


def local_week_bounds(day: date) -> tuple[datetime, datetime]:
    """The Paris week (Monday to Sunday) holding `day`, as UTC instants."""
    monday = day - timedelta(days=day.weekday())
    return local_day_bounds(monday)[0], local_day_bounds(monday + timedelta(days=6))[1]


@dataclass(frozen=True)
class OpeningHours:
    weekday: int  # 0 = Monday ... 6 = Sunday
    opens: time
    closes: time

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError("weekday is 0 (Monday) to 6 (Sunday)")
        if self.opens >= self.closes:
            raise ValueError("a place closes after it opens")


@dataclass(frozen=True)
class PlaceSchedule:
    """What decides when a place can be booked: its week and the dates staff closed it.
    Public holidays close every place."""

    hours: tuple[OpeningHours, ...]
    closures: dict[date, str] = field(default_factory=dict)

    def closure_on(self, day: date) -> str | None:
        """Why the place is closed all day on `day` (staff closure or public holiday)."""
        return self.closures.get(day) or public_holiday(day)

    def opening_on(self, day: date) -> tuple[datetime, datetime] | None:
        """Opening and closing instants (Paris time) on `day`; None when closed that day."""
        if self.closure_on(day):
            return None
        for hours in self.hours:
            if hours.weekday == day.weekday():
                opens = local_datetime(day, hours.opens)
                closes = local_datetime(day, hours.closes)
                if opens is None or closes is None:  # hours inside the skipped DST hour
                    return None
                return opens, closes
        return None
