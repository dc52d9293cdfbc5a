"""What the resources' models share. Bounds keep every value clients send inside what the
database and the clock can hold (a year 1 date or a NUL character would otherwise end as a
500); instants we answer are RFC 3339 with the Paris offset of that moment."""

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BaseModel, Field

from shared.reference.calendar import PARIS

from ...domain.place_input import EARLIEST, LATEST, Text, sane_day

__all__ = ["Commune", "Instant", "Text", "paris", "sane_day"]


def _sane_instant(value: dt.datetime) -> dt.datetime:
    if not EARLIEST <= value.date() <= LATEST:
        raise ValueError("must be between 2000 and 2100")
    return value.astimezone(dt.UTC)


Instant = Annotated[AwareDatetime, AfterValidator(_sane_instant),
                    Field(description="RFC 3339 with an offset, e.g. 2026-03-30T08:30:00+02:00")]


def paris(value: dt.datetime | None) -> dt.datetime | None:
    return value.astimezone(PARIS) if value is not None else None


class Commune(BaseModel):
    insee_code: str
    name: str
