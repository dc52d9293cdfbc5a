"""A repeat booking and a waiting-list entry, as sent and as answered."""

import datetime as dt
import uuid
from typing import Literal

import asyncpg
from pydantic import BaseModel, Field

from .bookings import BookingOut
from .values import Instant, paris

Kind = Literal["hot_desk", "private_office", "meeting_room"]


class RepeatIn(BaseModel):
    desk_id: uuid.UUID = Field(description="The desk, office or room (a resource id)")
    starts_at: Instant = Field(description="The first occurrence's start")
    ends_at: Instant = Field(description="The first occurrence's end")
    weeks: int = Field(ge=2, le=12, description="How many weeks in all, the first included")


class NotBooked(BaseModel):
    starts_at: dt.datetime
    ends_at: dt.datetime
    reason: str = Field(description="`taken`, or the rule broken (`closure`, `weekly_quota`, "
                                    "`too_far_ahead`, `outside_opening_hours`, ...)")
    msg: str
    msg_fr: str


class RepeatOut(BaseModel):
    booked: list[BookingOut]
    not_booked: list[NotBooked]


class WaitingIn(BaseModel):
    telecentre_id: uuid.UUID
    kind: Kind = Field(description="Any resource of this kind at the place will do")
    starts_at: Instant
    ends_at: Instant


class WaitingOut(BaseModel):
    entry_id: uuid.UUID
    telecentre_id: uuid.UUID
    telecentre_name: str
    kind: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    created_at: dt.datetime
    position: int = Field(description="Place in line for that very slot (1: served first)")

    @classmethod
    def of(cls, row: asyncpg.Record) -> "WaitingOut":
        return cls(entry_id=row["id"], telecentre_id=row["place_id"],
                   telecentre_name=row["place_name"], kind=row["kind"],
                   starts_at=paris(row["starts_at"]), ends_at=paris(row["ends_at"]),
                   created_at=paris(row["created_at"]), position=row["position"])
