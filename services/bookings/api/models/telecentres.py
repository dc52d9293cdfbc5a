"""Telecentres and coworking spaces: what staff send to set one up (its week, a closure),
and a place as answered, with its week, its closures to come and its resources. Wall-clock
times are Europe/Paris, without an offset."""

import datetime as dt
import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from ...domain.place_input import ClosureIn, OpeningHoursIn, Text, WeekIn
from ...domain.schedule import WEEKDAYS
from .desks import DeskOut
from .values import Commune

__all__ = ["ClosureIn", "ClosureOut", "ClosureSet", "Created", "OpeningHoursIn",
           "OpeningHoursOut", "PlaceIn", "TelecentreOut", "WeekIn"]


# A wall-clock time in Europe/Paris, without an offset ("08:30:00"): JSON Schema's "time"
# format would demand one.
WallClockOut = Annotated[dt.time, WithJsonSchema(
    {"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$",
     "description": "wall-clock time in Europe/Paris, HH:MM:SS, no offset"})]


class PlaceIn(WeekIn):
    model_config = ConfigDict(str_strip_whitespace=True)
    kind: Literal["telecentre", "coworking"]
    name: Text
    insee_code: str = Field(pattern=r"^[0-9][0-9AB][0-9]{3}$")
    commune: Text
    address: Text
    opening_hours: list[OpeningHoursIn] = Field(default_factory=list, max_length=7)


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
