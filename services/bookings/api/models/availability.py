"""A place's day: the free slots of each of its desks (anyone with a token) and, for staff,
how full each desk is and the bookings it holds."""

import datetime as dt
import uuid

from pydantic import BaseModel

from .bookings import BookingOut


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
