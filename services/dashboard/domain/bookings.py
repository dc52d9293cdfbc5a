"""Desk bookings in the telecentres, and the desks they use.

A booking stands when it was booked and not cancelled; a cancellation that arrives before
its booking (separate queues) is remembered and applied when the booking comes. Its week is
the ISO week of its start in Paris; its length counts as desk time ("desk hours"). The
events carry no capacity, so occupancy is measured as booked desk time and desks used."""

import dataclasses
import datetime
import uuid
from dataclasses import dataclass

from .dates import iso_week, minutes_between
from .tally import Dimension, Tally, by, total
from .versions import newer, version

BOOKED_RANK, CANCELLED_RANK = 2, 1  # the booking's own event describes it best


@dataclass(frozen=True)
class BookingState:
    booked: bool = False
    cancelled: bool = False
    telecentre_id: uuid.UUID | None = None
    week: str | None = None
    minutes: int = 0
    version: str = ""

    @property
    def standing(self) -> bool:
        return self.booked and not self.cancelled


@dataclass(frozen=True)
class BookingFacts:
    cancelled: bool
    telecentre_id: uuid.UUID | None
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    version: str

    @classmethod
    def of(cls, *, cancelled: bool, telecentre_id, starts_at, ends_at, time,
           event_id) -> "BookingFacts":
        rank = CANCELLED_RANK if cancelled else BOOKED_RANK
        return cls(cancelled, telecentre_id, starts_at, ends_at, version(rank, time, event_id))


def with_facts(state: BookingState, facts: BookingFacts) -> BookingState:
    changes: dict = {"booked": state.booked or not facts.cancelled,
                     "cancelled": state.cancelled or facts.cancelled}
    if newer(facts.version, state.version):
        changes |= {"telecentre_id": facts.telecentre_id,
                    "week": iso_week(facts.starts_at),
                    "minutes": minutes_between(facts.starts_at, facts.ends_at),
                    "version": facts.version}
    return dataclasses.replace(state, **changes)


def contributions(state: BookingState) -> Tally:
    tally: Tally = Tally()
    if not state.booked:
        return tally
    place = str(state.telecentre_id) if state.telecentre_id else None
    tally[total("bookings_made")] += 1
    tally[by(Dimension.BOOKING_WEEK, state.week, "made")] += 1
    tally[by(Dimension.TELECENTRE, place, "bookings_made")] += 1
    if state.cancelled:
        tally[total("bookings_cancelled")] += 1
        tally[by(Dimension.BOOKING_WEEK, state.week, "cancelled")] += 1
        return tally
    for key in (total("bookings"), by(Dimension.BOOKING_WEEK, state.week, "standing"),
                by(Dimension.TELECENTRE, place, "bookings")):
        tally[key] += 1
    for key in (total("desk_minutes"), by(Dimension.BOOKING_WEEK, state.week, "desk_minutes"),
                by(Dimension.TELECENTRE, place, "desk_minutes")):
        tally[key] += state.minutes
    return tally


@dataclass(frozen=True)
class DeskState:
    telecentre_id: uuid.UUID | None = None
    version: str = ""


def desk_with(state: DeskState, telecentre_id: uuid.UUID, desk_version: str) -> DeskState:
    if not newer(desk_version, state.version):
        return state
    return DeskState(telecentre_id, desk_version)


def desk_contributions(state: DeskState) -> Tally:
    tally: Tally = Tally()
    if state.telecentre_id is not None:
        tally[by(Dimension.TELECENTRE, str(state.telecentre_id), "desks_used")] += 1
    return tally
