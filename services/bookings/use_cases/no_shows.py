"""Releasing bookings nobody checked in to: the slot is free again, the no-show counted."""

from datetime import UTC, datetime, timedelta

import asyncpg

from shared.config import ServiceSettings

from ..domain.lifecycle import ReleaseReason, Status, is_no_show
from ..domain.rules import BookingPolicy
from ..store import bookings
from . import waiting_list
from .booking import policy_from
from .events import stage_booking_cancelled

BATCH = 200


async def release_no_shows(pool: asyncpg.Pool, now: datetime, grace: timedelta,
                           policy: BookingPolicy | None = None) -> int:
    """Release every booking past its check-in deadline at `now`; how many were released.
    Safe with several copies running: each batch locks its rows FOR UPDATE SKIP LOCKED.
    Each slot released goes to the first in its waiting list who can have it."""
    released = 0
    while True:
        async with pool.acquire() as conn, conn.transaction():
            due = await bookings.due_for_release(conn, now, grace, BATCH)
            for booking in due:
                if not is_no_show(Status(booking["status"]), booking["starts_at"],
                                  booking["ends_at"], now, grace):
                    continue
                await bookings.release(conn, booking["id"], Status.NO_SHOW,
                                       ReleaseReason.NO_SHOW, now)
                await stage_booking_cancelled(conn, booking, ReleaseReason.NO_SHOW)
                await waiting_list.serve_freed(conn, booking, policy or BookingPolicy(), now)
                released += 1
        if len(due) < BATCH:
            return released


async def release_no_shows_job(pool: asyncpg.Pool, settings: ServiceSettings) -> None:
    """The periodic job (ServiceDefinition.periodic): the clock is read here, not below."""
    grace = timedelta(minutes=settings.no_show_grace_minutes)  # a BookingsSettings
    now = datetime.now(UTC)
    await release_no_shows(pool, now, grace, policy_from(settings))
    await waiting_list.purge_past(pool, now)
