"""What staff send to set a place up (its week, a closure, a desk or room): the JSON API
reads these as bodies and the staff pages as forms, so both accept and refuse exactly the
same things. Wall-clock times are Europe/Paris, without an offset."""

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field, StringConstraints, model_validator

from .modes import BookingMode, ResourceKind, mode_allowed

EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


def sane_day(value: dt.date) -> dt.date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError("must be between 2000-01-01 and 2100-12-31")
    return value


def _printable(value: str) -> str:
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValueError("must not contain control characters")
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
                 AfterValidator(_printable)]


def _wall_clock(value: dt.time) -> dt.time:
    if value.tzinfo is not None:
        raise ValueError("a wall-clock time in Europe/Paris, without an offset")
    return value


WallClockIn = Annotated[dt.time, AfterValidator(_wall_clock), Field(examples=["08:30"])]


class OpeningHoursIn(BaseModel):
    weekday: int = Field(ge=0, le=6, description="0 = Monday ... 6 = Sunday")
    opens: WallClockIn
    closes: WallClockIn

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
