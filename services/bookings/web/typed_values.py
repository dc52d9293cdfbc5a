"""Values as forms send them: times and dates as staff type them ("8:30", "8h30",
"24/12/2026"), and the instants a slot's button sends."""

import re
from datetime import date, datetime, time

from ..domain.place_input import sane_day

CLOCK = re.compile(r"^(\d{1,2})\s*(?:[:hH]\s*(\d{2})?)?$")
FRENCH_DAY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_clock(text: str) -> time | None:
    """"8:30", "08:30", "8h30", "8 h 30", "8h", "18:00:00" as a wall-clock time."""
    text = text.strip()
    if re.fullmatch(r"\d{2}:\d{2}:\d{2}", text):
        text = text[:5]
    found = CLOCK.match(text)
    if not found:
        return None
    hour, minute = int(found[1]), int(found[2] or 0)
    return time(hour, minute) if hour < 24 and minute < 60 else None


def clock_text(value: time | None) -> str:
    return value.strftime("%H:%M") if value is not None else ""


def parse_day(text: str) -> date | None:
    """"2026-12-24" or "24/12/2026"; None when it is not a date of 2000 to 2100."""
    text = text.strip()
    try:
        if found := FRENCH_DAY.match(text):
            day = date(int(found[3]), int(found[2]), int(found[1]))
        elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            day = date.fromisoformat(text)
        else:
            return None
        return sane_day(day)
    except ValueError:
        return None


def instant(raw: str | None) -> datetime | None:
    """An ISO instant with its offset (a slot's start or end); None for anything else."""
    if not raw or len(raw) > 40:
        return None
    try:
        found = datetime.fromisoformat(raw)
    except ValueError:
        return None
    if found.tzinfo is None or not 2000 <= found.year <= 2100:  # no overflow further on
        return None
    return found


def spread(fields: dict[str, str], name: str, keys: tuple[str, str, str]) -> dict[str, str]:
    """A one-value button ("desk start end") spread into its three fields; the fields as
    they are when it is not one (a 409 page's offer sends the three)."""
    chosen = fields.get(name, "").split(" ")
    return fields | dict(zip(keys, chosen)) if len(chosen) == 3 else fields
