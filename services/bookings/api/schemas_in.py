"""What clients send. Bounds keep every value inside what the database and the clock
can hold (a year 1 date or a NUL character would otherwise end as a 500)."""

import datetime as dt
import uuid
from typing import Annotated, Literal

from pydantic import (AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field,
                      StringConstraints, model_validator)

from ..domain.modes import BookingMode, ResourceKind, mode_allowed

EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


def _sane_instant(value: dt.datetime) -> dt.datetime:
    if not EARLIEST <= value.date() <= LATEST:
        raise ValueError("must be between 2000 and 2100")
    return value.astimezone(dt.UTC)


def sane_day(value: dt.date) -> dt.date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError("must be between 2000-01-01 and 2100-12-31")
    return value


def _wall_clock(value: dt.time) -> dt.time:
    if value.tzinfo is not None:
        raise ValueError("a wall-clock time in Europe/Paris, without an offset")
    return value


def _printable(value: str) -> str:
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValueError("must not contain control characters")
    return value


Instant = Annotated[AwareDatetime, AfterValidator(_sane_instant),
                    Field(description="RFC 3339 with an offset, e.g. 2026-03-30T08:30:00+02:00")]
WallClock = Annotated[dt.time, AfterValidator(_wall_clock), Field(examples=["08:30"])]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
                 AfterValidator(_printable)]


class BookingIn(BaseModel):
    desk_id: uuid.UUID = Field(description="The desk, office or room (a resource id)")
    starts_at: Instant
    ends_at: Instant


class OpeningHoursIn(BaseModel):
    weekday: int = Field(ge=0, le=6, description="0 = Monday ... 6 = Sunday")
    opens: WallClock
    closes: WallClock

    @model_validator(mode="after")
    def _closes_after_opening(self) -> "OpeningHoursIn":
        if self.opens >= self.closes:
            raise ValueError("closes must be after opens")
        return self


class WeekIn(BaseModel):
    opening_hours: list[OpeningHoursIn] = Field(max_length=7)

    @model_validator(mode="after")
    def _one_entry_per_day(self) -> "WeekIn":
        if len({h.weekday for h in self.opening_hours}) != len(self.opening_hours):
            raise ValueError("at most one opening per weekday")
        return self


class PlaceIn(WeekIn):
    model_config = ConfigDict(str_strip_whitespace=True)
    kind: Literal["telecentre", "coworking"]
    name: Text
    insee_code: str = Field(pattern=r"^[0-9][0-9AB][0-9]{3}$")
    commune: Text
    address: Text
    opening_hours: list[OpeningHoursIn] = Field(default_factory=list, max_length=7)


class ClosureIn(BaseModel):
    reason: Text = Field(examples=["Travaux"])


class ResourceIn(BaseModel):
    kind: ResourceKind
    name: Text
    capacity: int = Field(1, ge=1, le=200)
    booking_mode: BookingMode

    @model_validator(mode="after")
    def _mode_fits_kind(self) -> "ResourceIn":
        if not mode_allowed(self.kind, self.booking_mode):
            raise ValueError("booking_mode: desks and offices are booked by half_day or day, "
                             "meeting rooms by hour")
        return self


class ResourcePatch(BaseModel):
    name: Text | None = None
    capacity: int | None = Field(None, ge=1, le=200)
    booking_mode: BookingMode | None = None
    active: bool | None = None
