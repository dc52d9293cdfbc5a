"""Booking the same desk and slot every week for N weeks (e.g. every Tuesday morning for
eight weeks). Each occurrence goes through the booking use case (`book_in`: the exclusion
constraint, opening hours, closures and holidays, how far ahead, the weekly quota) in its
own savepoint of one transaction: those that can be had are booked, each staging its
desk.booked in the outbox; the others are listed with why (taken, closed, quota, ...)."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import asyncpg

from shared.reference.calendar import PARIS

from ..domain.rules import BookingPolicy
from ..store import places
from . import booking as booking_cases
from .errors import Conflict, RuleBroken

MIN_WEEKS, MAX_WEEKS = 2, 12
TAKEN = "taken"  # the reason of an occurrence another booking holds


@dataclass(frozen=True)
class Occurrence:
    starts_at: datetime
    ends_at: datetime
    booking: dict | None = None  # the booking made, or None with why not
    reason: str | None = None  # TAKEN or the rule broken (closure, weekly_quota, ...)
    message: str = ""
    message_fr: str = ""
    kind: str = ""  # the resource's kind (a taken date may be waited for: any of that kind)


def weekly(starts_at: datetime, ends_at: datetime, weeks: int) -> list[tuple[datetime, datetime]]:
    """The slot and the same Paris wall-clock slot on the following weeks (so a morning
    stays a morning across a change of clocks)."""
    start, end = starts_at.astimezone(PARIS), ends_at.astimezone(PARIS)
    found = []
    for n in range(weeks):
        day = start.date() + timedelta(weeks=n)
        found.append((datetime.combine(day, start.time(), tzinfo=PARIS),
                      datetime.combine(day + (end.date() - start.date()), end.time(),
                                       tzinfo=PARIS)))
    return found


async def book_weekly(pool: asyncpg.Pool, policy: BookingPolicy, member_id: uuid.UUID,
                      resource_id: uuid.UUID, starts_at: datetime, ends_at: datetime,
                      weeks: int, now: datetime) -> list[Occurrence]:
    """Each week's occurrence, booked or with why not. An unknown desk (UnknownReference)
    or a person who is no member (Forbidden) refuses the whole request: nothing booked."""
    if not MIN_WEEKS <= weeks <= MAX_WEEKS:
        raise ValueError(f"weeks must be between {MIN_WEEKS} and {MAX_WEEKS}")
    done = []
    async with pool.acquire() as conn, conn.transaction():
        for start, end in weekly(starts_at, ends_at, weeks):
            try:
                async with conn.transaction():  # a savepoint: a refusal undoes only this one
                    made = await booking_cases.book_in(conn, policy, member_id, resource_id,
                                                       start, end, now)
            except Conflict as taken:
                desk = await places.get_resource(conn, resource_id)
                done.append(Occurrence(start, end, reason=TAKEN, message=taken.message,
                                       message_fr=taken.message_fr, kind=desk["kind"]))
            except RuleBroken as broken:
                done.append(Occurrence(start, end, reason=broken.violation.rule.value,
                                       message=broken.message, message_fr=broken.message_fr))
            else:
                done.append(Occurrence(start, end, booking=made))
    return done
