"""Figures as running sums. Each thing the dashboard counts (a person, a member, a booking...)
has a state; `contributions(state)` says what it adds to which figure; when an event changes
the state, the figures move by the difference. So a figure is always the sum over things
of what their current state contributes, whatever the order the events came in."""

from collections import Counter
from enum import StrEnum

# (dimension, key, measure): ("total", "", "contacts"), ("origin_country", "NL", "prospects")
FigureKey = tuple[str, str, str]
Tally = Counter[FigureKey]

UNKNOWN = "unknown"


class Dimension(StrEnum):
    TOTAL = "total"
    CHANNEL = "channel"                  # contact channel: web, phone, email, event
    ORIGIN_COUNTRY = "origin_country"    # ISO 3166-1 alpha-2, or "unknown"
    SECTOR = "sector"
    INSTALL_YEAR = "install_year"        # year of installed_on
    VILLAGE = "village"                  # INSEE code
    INSTALLED_ON = "installed_on"        # the installation date (12-month retention)
    BOOKING_WEEK = "booking_week"        # ISO week of the booking's start, Paris time
    TELECENTRE = "telecentre"            # telecentre id
    NOTIFICATION_CHANNEL = "notification_channel"


def total(measure: str) -> FigureKey:
    return (Dimension.TOTAL.value, "", measure)


def by(dimension: Dimension, key: str | None, measure: str) -> FigureKey:
    return (dimension.value, key or UNKNOWN, measure)


def difference(old: Tally, new: Tally) -> dict[FigureKey, int]:
    """How far each figure moves when a thing's contributions go from `old` to `new`."""
    moved: Counter[FigureKey] = Counter(new)
    moved.subtract(old)
    return {key: amount for key, amount in moved.items() if amount}
