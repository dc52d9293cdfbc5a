"""What the service answers. Instants are RFC 3339 with the Paris offset of that moment."""

import datetime as dt
import uuid
from typing import Annotated

import asyncpg
from pydantic import BaseModel, WithJsonSchema

from shared.reference.calendar import PARIS

from ..domain.schedule import WEEKDAYS


def paris(value: dt.datetime | None) -> dt.datetime | None:
    return value.astimezone(PARIS) if value is not None else None


class Commune(BaseModel):
    insee_code: str
    name: str


# A wall-clock time in Europe/Paris, without an offset ("08:30:00"): JSON Schema's "time"
# format would demand one.
WallClock = Annotated[dt.time, WithJsonSchema(
    {"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$",
     "description": "wall-clock time in Europe/Paris, HH:MM:SS, no offset"})]


class OpeningHoursOut(BaseModel):
    weekday: int
    day: str
    opens: WallClock
    closes: WallClock

    @classmethod
    def of(cls, row) -> "OpeningHoursOut":
        return cls(weekday=row["weekday"], day=WEEKDAYS[row["weekday"]], opens=row["opens"],
                   closes=row["closes"])


class DeskOut(BaseModel):
    id: uuid.UUID
    kind: str
    name: str
    capacity: int
    booking_mode: str
    active: bool

    @classmethod
    def of(cls, row: asyncpg.Record) -> "DeskOut":
        return cls(**{k: row[k] for k in cls.model_fields})


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


class BookingOut(BaseModel):
    booking_id: uuid.UUID
    desk_id: uuid.UUID
    telecentre_id: uuid.UUID
    member_id: uuid.UUID | None  # None once the person was erased
    resource_kind: str
    resource_name: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: str
    checked_in_at: dt.datetime | None
    released_at: dt.datetime | None
    release_reason: str | None

    @classmethod
    def of(cls, row: asyncpg.Record) -> "BookingOut":
        return cls(booking_id=row["id"], desk_id=row["resource_id"], telecentre_id=row["place_id"],
                   member_id=row["member_id"], resource_kind=row["resource_kind"],
                   resource_name=row["resource_name"], starts_at=paris(row["starts_at"]),
                   ends_at=paris(row["ends_at"]), status=row["status"],
                   checked_in_at=paris(row["checked_in_at"]),
                   released_at=paris(row["released_at"]), release_reason=row["release_reason"])


class BookingCreated(BookingOut):
    calendar_url: str


class Slot(BaseModel):
    starts_at: dt.datetime
    ends_at: dt.datetime


class DeskAvailability(BaseModel):
    desk_id: uuid.UUID
    kind: str
    name: str
    booking_mode: str
    free_slots: list[Slot]


class AvailabilityOut(BaseModel):
    telecentre_id: uuid.UUID
    date: dt.date
    closed_reason: str | None
    opens_at: dt.datetime | None
    closes_at: dt.datetime | None
    desks: list[DeskAvailability]


class DeskOccupancy(BaseModel):
    desk_id: uuid.UUID
    name: str
    kind: str
    occupied_share: float  # of that day's opening, by active bookings
    bookings: list[BookingOut]


class OccupancyOut(BaseModel):
    telecentre_id: uuid.UUID
    date: dt.date
    active: int
    checked_in: int
    no_shows: int
    cancelled: int
    anonymised: int
    desks: list[DeskOccupancy]


class MemberOut(BaseModel):
    member_id: uuid.UUID
    village: Commune
    installed_on: dt.date
    no_shows: int
    active_bookings: int | None = None
    calendar_feed_url: str | None = None
