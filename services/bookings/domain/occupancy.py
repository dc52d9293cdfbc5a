"""How full a place is over a week: for each desk and each day, the share of that day's
opening its active bookings cover; per day, per desk and for the week, the covered time over
the open time. Weeks are ISO weeks ("2026-W49", Monday to Sunday, Paris days). Pure."""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .availability import Period
from .place_input import EARLIEST, LATEST
from .schedule import PlaceSchedule

ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def parse_iso_week(text: str) -> date | None:
    """The Monday of an ISO week written "2026-W49"; None when it is not one (or outside
    2000 to 2100)."""
    found = ISO_WEEK.match(text.strip())
    if not found:
        return None
    try:
        monday = date.fromisocalendar(int(found[1]), int(found[2]), 1)
    except ValueError:
        return None
    return monday if EARLIEST <= monday <= LATEST - timedelta(days=6) else None


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _covered(booked: Sequence[Period], opening: Period) -> float:
    opens, closes = opening
    return sum(((min(end, closes) - max(start, opens)).total_seconds()
                for start, end in booked if start < closes and opens < end), 0.0)


def _share(covered: float, open_seconds: float) -> float | None:
    return round(covered / open_seconds, 4) if open_seconds else None


@dataclass(frozen=True)
class Day:
    day: date
    opening: Period | None  # None: closed that day
    closed_reason: str | None  # a closure or a public holiday (None on a usual closed day)


@dataclass(frozen=True)
class WeekGrid:
    monday: date
    days: list[Day]
    desks: list[tuple[Mapping, list[float | None], float | None]]  # desk, its days, its week
    day_shares: list[float | None]  # every desk together, each day (None: closed)
    week_share: float | None  # every desk, the whole week (None: closed all week, no desk)


def week_grid(monday: date, schedule: PlaceSchedule, desks: Sequence[Mapping],
              booked: Mapping[object, Sequence[Period]]) -> WeekGrid:
    """`desks` are rows with an "id"; `booked[id]` the desk's active bookings that week."""
    days = []
    for n in range(7):
        day = monday + timedelta(days=n)
        days.append(Day(day, schedule.opening_on(day), schedule.closure_on(day)))
    open_seconds = [(d.opening[1] - d.opening[0]).total_seconds() if d.opening else 0.0
                    for d in days]
    covered_by_day = [0.0] * 7
    rows = []
    for desk in desks:
        covered = [_covered(booked.get(desk["id"], ()), d.opening) if d.opening else 0.0
                   for d in days]
        for n, seconds in enumerate(covered):
            covered_by_day[n] += seconds
        rows.append((desk, [_share(c, o) for c, o in zip(covered, open_seconds)],
                     _share(sum(covered), sum(open_seconds))))
    count = len(desks)
    return WeekGrid(
        monday=monday, days=days, desks=rows,
        day_shares=[_share(c, o * count) for c, o in zip(covered_by_day, open_seconds)],
        week_share=_share(sum(covered_by_day), sum(open_seconds) * count))


def desks_to_count(desks: Sequence[Mapping], booked: Mapping[object, Sequence[Period]]):
    """The desks a week's occupancy counts: the active ones, and any other still holding a
    booking that week."""
    return [d for d in desks if d["active"] or booked.get(d["id"])]


def periods_by_desk(rows: Sequence[Mapping]) -> dict[object, list[tuple[datetime, datetime]]]:
    found: dict[object, list[tuple[datetime, datetime]]] = {}
    for row in rows:
        found.setdefault(row["resource_id"], []).append((row["starts_at"], row["ends_at"]))
    return found
