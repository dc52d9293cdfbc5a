"""What the public pages say of places, decided without I/O: how far each is from a
commune (great-circle distance between the communes' positions) and a week of opening
hours in a few runs of days ("Mon–Fri 08:30–18:30, Sat 09:00–13:00")."""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import time

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG), as onboarding's distances use


@dataclass(frozen=True)
class Position:
    latitude: float
    longitude: float


def distance_km(a: Position, b: Position) -> float:
    """The great-circle (haversine) distance between two positions."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    d_lat = lat2 - lat1
    d_lon = math.radians(b.longitude - a.longitude)
    h = math.sin(d_lat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(d_lon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def nearest(origin: Position, places: Iterable[tuple[dict, Position | None]],
            limit: int = 3) -> list[tuple[dict, float]]:
    """The `limit` places nearest to `origin`, nearest first (ties by name), each with its
    distance rounded to a tenth of a kilometre; places with no known position are left out."""
    measured = [(place, round(distance_km(origin, at), 1)) for place, at in places
                if at is not None]
    measured.sort(key=lambda found: (found[1], found[0].get("name", "")))
    return measured[:limit]


@dataclass(frozen=True)
class DaysRun:
    """Consecutive weekdays (0 = Monday) open at the same hours."""
    first: int
    last: int
    opens: time
    closes: time


def opening_runs(hours: Sequence) -> list[DaysRun]:
    """The week's openings (records or mappings with weekday, opens, closes) as runs of
    consecutive days with the same hours, Monday first; closed days break a run."""
    by_day = {h["weekday"]: (h["opens"], h["closes"]) for h in hours}
    runs: list[DaysRun] = []
    for day in range(7):
        if day not in by_day:
            continue
        opens, closes = by_day[day]
        last = runs[-1] if runs else None
        if last and last.last == day - 1 and (last.opens, last.closes) == (opens, closes):
            runs[-1] = DaysRun(last.first, day, opens, closes)
        else:
            runs.append(DaysRun(day, day, opens, closes))
    return runs
