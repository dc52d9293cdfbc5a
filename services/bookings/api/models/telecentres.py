"""Telecentres and coworking spaces: what staff send to set one up (its week, a closure),
and a place as answered, with its week, its closures to come and its resources. Wall-clock
times are Europe/Paris, without an offset."""

import datetime as dt
import uuid
from typing import Annotated, Literal

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema,
                      model_validator)

from ...domain.schedule import WEEKDAYS
from .desks import DeskOut
from .values import Commune, Text


def _wall_clock(value: dt.time) -> dt.time:
    if value.tzinfo is not None:
        raise ValueError("a wall-clock time in Europe/Paris, without an offset")
    return value


WallClockIn = Annotated[dt.time, AfterValidator(_wall_clock), Field(examples=["08:30"])]
# A wall-clock time in Europe/Paris, without an offset ("08:30:00"): JSON Schema's "time"
# format would demand one.
WallClockOut = Annotated[dt.time, WithJsonSchema(
    {"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$",
     "description": "wall-clock time in Europe/Paris, HH:MM:SS, no offset"})]


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


class Created(BaseModel):
    id: uuid.UUID


class ClosureSet(BaseModel):
    day: dt.date
    reason: str
    active_bookings_that_day: int


class OpeningHoursOut(BaseModel):
    weekday: int
    day: str
    opens: WallClockOut
    closes: WallClockOut

    @classmethod
    def of(cls, row) -> "OpeningHoursOut":
        return cls(weekday=row["weekday"], day=WEEKDAYS[row["weekday"]], opens=row["opens"],
                   closes=row["closes"])


class ClosureOut(BaseModel):
    day: dt.date
    reason: str
    public_holiday: bool


class TelecentreOut(BaseModel):
    id: uuid.UUID
    kind: str
    name: str
    demo: bool
    commune: Commune
    address: str
    timezone: str = "Europe/Paris"
    opening_hours: list[OpeningHoursOut]
    upcoming_closures: list[ClosureOut]
    desks: list[DeskOut]
