"""A booking: what a member sends to book, and a booking as answered (instants with the
Paris offset of that moment)."""

import datetime as dt
import uuid

import asyncpg
from pydantic import BaseModel, Field

from .values import Instant, paris


class BookingIn(BaseModel):
    desk_id: uuid.UUID = Field(description="The desk, office or room (a resource id)")
    starts_at: Instant
    ends_at: Instant


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
