"""What the resources' models share. Bounds keep every value clients send inside what the
database and the clock can hold (a year 1 date or a NUL character would otherwise end as a
500); instants we answer are RFC 3339 with the Paris offset of that moment."""

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BaseModel, Field, StringConstraints

from shared.reference.calendar import PARIS

EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


def _sane_instant(value: dt.datetime) -> dt.datetime:
    if not EARLIEST <= value.date() <= LATEST:
        raise ValueError("must be between 2000 and 2100")
    return value.astimezone(dt.UTC)


def sane_day(value: dt.date) -> dt.date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError("must be between 2000-01-01 and 2100-12-31")
    return value


def _printable(value: str) -> str:
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValueError("must not contain control characters")
    return value


Instant = Annotated[AwareDatetime, AfterValidator(_sane_instant),
                    Field(description="RFC 3339 with an offset, e.g. 2026-03-30T08:30:00+02:00")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
                 AfterValidator(_printable)]


def paris(value: dt.datetime | None) -> dt.datetime | None:
    return value.astimezone(PARIS) if value is not None else None


class Commune(BaseModel):
    insee_code: str
    name: str
