"""Booking, cancelling and checking in."""

import uuid
from datetime import datetime, timedelta

import asyncpg

from shared.reference.calendar import PARIS

from ..config import BookingsSettings
from ..domain.lifecycle import (CancelOutcome, ReleaseReason, Status, cancel_outcome,
                                check_in_violation)
from ..domain.modes import BookingMode
from ..domain.rules import BookingPolicy, check_quota, check_slot
from ..domain.schedule import local_week_bounds
from ..store import bookings, members, places
from .errors import Conflict, Forbidden, NotFound, RuleBroken, UnknownReference
from . import waiting_list
from .events import stage_booking_cancelled, stage_desk_booked


def policy_from(settings: BookingsSettings) -> BookingPolicy:
    return BookingPolicy(max_days_ahead=settings.max_days_ahead,
                         max_room_hours=settings.max_room_hours,
                         weekly_quota_hours=settings.weekly_quota_hours)


async def book(pool: asyncpg.Pool, policy: BookingPolicy, member_id: uuid.UUID,
               resource_id: uuid.UUID, starts_at: datetime, ends_at: datetime,
               now: datetime, *, booked_by: str | None = None) -> dict:
    """Book the resource for the member; the new booking, its desk.booked staged.
    `booked_by`: the staff member booking on the member's behalf (None: the member)."""
    async with pool.acquire() as conn, conn.transaction():
        return await book_in(conn, policy, member_id, resource_id, starts_at, ends_at, now,
                             booked_by=booked_by)


async def book_in(conn: asyncpg.Connection, policy: BookingPolicy, member_id: uuid.UUID,
                  resource_id: uuid.UUID, starts_at: datetime, ends_at: datetime,
                  now: datetime, *, started_ok: bool = False,
                  booked_by: str | None = None) -> dict:
    """`book` inside the caller's transaction (a repeat booking's savepoints, a waiting
    list served when a booking is released). With `started_ok` (the waiting list), a slot
    already begun but not over is checked as at its start and booked from `now` on (to
    the minute), so its check-in deadline counts from then."""
    # Locked until commit: one member's bookings go one at a time, so two requests at
    # once cannot both fit under the weekly quota.
    if await members.get_member(conn, member_id, lock=True) is None:
        raise Forbidden("only members can book (this member is not known here yet)",
                        "seuls les membres peuvent réserver (membre inconnu ici)")
    day = starts_at.astimezone(PARIS).date()
    found = await places.resource_on(conn, resource_id, day)
    if found is None or not found[0]["active"]:
        raise UnknownReference("desk_id", "no such desk, office or room",
                               "poste, bureau ou salle inconnu")
    resource, schedule = found
    begun = started_ok and starts_at < now < ends_at
    violation = check_slot(BookingMode(resource["booking_mode"]), starts_at, ends_at,
                           schedule, policy, starts_at if begun else now)
    if violation:
        raise RuleBroken(violation)
    if begun:
        starts_at = max(starts_at, now.replace(second=0, microsecond=0))
    already = await bookings.hours_booked(conn, member_id, *local_week_bounds(day))
    if violation := check_quota(already, starts_at, ends_at, policy):
        raise RuleBroken(violation)
    try:
        row = await bookings.insert_booking(conn, uuid.uuid4(), resource_id, member_id,
                                            starts_at, ends_at, booked_by)
    except bookings.Overlap:
        raise Conflict("this slot overlaps another booking of that resource",
                       "ce créneau chevauche une autre réservation") from None
    booking = dict(row, place_id=resource["place_id"], resource_kind=resource["kind"],
                   resource_name=resource["name"], place_name=resource["place_name"])
    await stage_desk_booked(conn, booking)
    return booking


def _visible_to(booking: asyncpg.Record | None, member_id: uuid.UUID | None) -> asyncpg.Record:
    """The booking if `member_id` may see it; `member_id` None means staff, who see all."""
    if booking is None:
        raise NotFound("no such booking", "réservation inconnue")
    if member_id is not None and booking["member_id"] != member_id:
        raise Forbidden("this is another member's booking",
                        "cette réservation est celle d'un autre membre")
    return booking


async def read(pool: asyncpg.Pool, booking_id: uuid.UUID,
               member_id: uuid.UUID | None) -> asyncpg.Record:
    async with pool.acquire() as conn:
        return _visible_to(await bookings.get_booking(conn, booking_id), member_id)


async def _owned_booking(conn: asyncpg.Connection, booking_id: uuid.UUID,
                         member_id: uuid.UUID | None) -> asyncpg.Record:
    """The booking, locked until the transaction ends."""
    return _visible_to(await bookings.get_booking(conn, booking_id, lock=True), member_id)


async def cancel(pool: asyncpg.Pool, booking_id: uuid.UUID, member_id: uuid.UUID | None,
                 now: datetime, policy: BookingPolicy | None = None) -> bool:
    """Cancel (by its member, or staff when `member_id` is None). False if it already was.
    The slot freed goes to the first in its waiting list who can have it (same transaction)."""
    async with pool.acquire() as conn, conn.transaction():
        booking = await _owned_booking(conn, booking_id, member_id)
        outcome = cancel_outcome(Status(booking["status"]), booking["ends_at"], now)
        if outcome is CancelOutcome.ALREADY_CANCELLED:
            return False
        if outcome is CancelOutcome.NOT_CANCELLABLE:
            raise Conflict(f"this booking cannot be cancelled any more ({booking['status']}, "
                           "or already over)", "cette réservation ne peut plus être annulée")
        reason = ReleaseReason.MEMBER if member_id is not None else ReleaseReason.STAFF
        await bookings.release(conn, booking_id, Status.CANCELLED, reason, now)
        await stage_booking_cancelled(conn, booking, reason)
        await waiting_list.serve_freed(conn, booking, policy or BookingPolicy(), now)
        return True


async def check_in(pool: asyncpg.Pool, booking_id: uuid.UUID, member_id: uuid.UUID | None,
                   now: datetime, early: timedelta) -> asyncpg.Record:
    async with pool.acquire() as conn, conn.transaction():
        booking = await _owned_booking(conn, booking_id, member_id)
        status = Status(booking["status"])
        if status is Status.CHECKED_IN:
            return booking
        if status is not Status.BOOKED:
            raise Conflict(f"this booking was released ({status})",
                           "cette réservation a été libérée")
        if violation := check_in_violation(booking["starts_at"], booking["ends_at"], now, early):
            raise RuleBroken(violation)
        await bookings.check_in(conn, booking_id, now)
        return await bookings.get_booking(conn, booking_id)
