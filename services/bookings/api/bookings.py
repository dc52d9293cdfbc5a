"""Booking a desk, reading, cancelling and checking in to a booking, and its .ics."""

import uuid
from datetime import timedelta

from fastapi import APIRouter, Request, Response

from ..use_cases import booking as booking_cases
from ..use_cases import calendar as calendar_cases
from .deps import Config, DbPool, Now, SoloPrincipal, StaffOrSolo, member_scope
from .errors import ERROR_RESPONSES, answering
from .models.bookings import BookingCreated, BookingIn, BookingOut
from .rate_limit import limit_booking_attempts

router = APIRouter(prefix="/api", tags=["bookings"], responses=ERROR_RESPONSES)
ICS = "text/calendar; charset=utf-8"


@router.post("/bookings", status_code=201,
             responses={429: {"description": "Too many booking attempts"}})
async def book(body: BookingIn, request: Request, pool: DbPool, solo: SoloPrincipal,
               settings: Config, now: Now) -> BookingCreated:
    """Book a desk, office or room (members only). 409 if it overlaps another booking of
    that resource; 422 naming the rule (`detail[0].rule`) if outside opening hours, on a
    closure, in the past, not aligned with the resource's mode, too far ahead, too long, or
    over the weekly quota."""
    await limit_booking_attempts(request, solo.member, settings.bookings_per_minute)
    with answering():
        row = await booking_cases.book(pool, booking_cases.policy_from(settings), solo.member,
                                       body.desk_id, body.starts_at, body.ends_at, now)
    return BookingCreated(**BookingOut.of(row).model_dump(),
                          calendar_url=str(request.url_for("booking_ics", booking_id=row["id"])))


@router.get("/bookings/{booking_id}")
async def get_booking(booking_id: uuid.UUID, pool: DbPool, who: StaffOrSolo) -> BookingOut:
    with answering("path"):
        return BookingOut.of(await booking_cases.read(pool, booking_id, member_scope(who)))


@router.delete("/bookings/{booking_id}", status_code=204)
async def cancel(booking_id: uuid.UUID, pool: DbPool, who: StaffOrSolo, now: Now,
                 settings: Config) -> Response:
    """Cancel a booking: its member, or staff for any booking. Publishes booking.cancelled
    (once: cancelling again answers 204 and publishes nothing). The slot freed goes to the
    first in its waiting list who can have it (see `POST /api/waiting-list`)."""
    with answering("path"):
        await booking_cases.cancel(pool, booking_id, member_scope(who), now,
                                   booking_cases.policy_from(settings))
    return Response(status_code=204)


@router.post("/bookings/{booking_id}/check-in")
async def check_in(booking_id: uuid.UUID, pool: DbPool, who: StaffOrSolo, settings: Config,
                   now: Now) -> BookingOut:
    """Record the member's arrival, within the booking's window (from a few minutes before
    its start to its end); a booking not checked in is released as a no-show."""
    with answering("path"):
        row = await booking_cases.check_in(pool, booking_id, member_scope(who), now,
                                           timedelta(minutes=settings.check_in_early_minutes))
    return BookingOut.of(row)


@router.get("/bookings/{booking_id}/calendar.ics", name="booking_ics",
            response_class=Response, responses={200: {"content": {"text/calendar": {}}}})
async def booking_ics(booking_id: uuid.UUID, pool: DbPool, who: StaffOrSolo, now: Now) -> Response:
    """The booking as an iCalendar event (times in Europe/Paris, with its VTIMEZONE)."""
    with answering("path"):
        body = await calendar_cases.booking_calendar(pool, booking_id, member_scope(who), now)
    return Response(body, media_type=ICS)
