"""Calendars: one booking as an .ics, and a member's private feed of their bookings."""

import uuid
from datetime import datetime

import asyncpg

from ..domain.calendar_feed import CalendarEntry, calendar_of
from ..domain.lifecycle import ACTIVE, Status
from ..store import bookings, members
from .booking import read
from .errors import NotFound

FEED_SIZE = 500  # the newest bookings, past and to come


def _entry(row: asyncpg.Record) -> CalendarEntry:
    return CalendarEntry(booking_id=str(row["id"]), resource_kind=row["resource_kind"],
                         resource_name=row["resource_name"], place_name=row["place_name"],
                         place_address=row["place_address"], starts_at=row["starts_at"],
                         ends_at=row["ends_at"], cancelled=row["status"] not in ACTIVE)


async def booking_calendar(pool: asyncpg.Pool, booking_id: uuid.UUID,
                           member_id: uuid.UUID | None, now: datetime) -> bytes:
    await read(pool, booking_id, member_id)  # 404 / 403 before anything is rendered
    async with pool.acquire() as conn:
        row = await bookings.booking_with_place(conn, booking_id)
    return calendar_of([_entry(row)], "Réservation Soho Solo", now)


async def member_feed(pool: asyncpg.Pool, token: str, now: datetime) -> bytes:
    """The feed behind a member's private URL: their active and checked-in bookings (a
    cancelled or released one leaves the feed, so calendar apps drop it)."""
    async with pool.acquire() as conn:
        member = await members.member_by_feed_token(conn, token)
        if member is None:
            raise NotFound("no such calendar", "calendrier inconnu")
        rows = await bookings.member_bookings(conn, member["member_id"], active_only=True,
                                              limit=FEED_SIZE)
    return calendar_of([_entry(r) for r in rows if Status(r["status"]) in ACTIVE],
                       "Mes réservations Soho Solo", now)
