"""A member as this service knows them (learned from solo.installed)."""

import datetime as dt
import uuid

from pydantic import BaseModel

from .values import Commune


class MemberOut(BaseModel):
    member_id: uuid.UUID
    village: Commune
    installed_on: dt.date
    no_shows: int
    active_bookings: int | None = None
    calendar_feed_url: str | None = None
