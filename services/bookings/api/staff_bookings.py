"""Staff booking for a member: POST /api/members/{member_id}/bookings.

POST /api/bookings books for the solo calling; this route lets staff book a desk, office or
room on behalf of a member (who may have no account yet), with the same use case: the same
rules (422 naming the rule), 409 when it overlaps another booking of that resource, and
desk.booked published so the member gets their confirmation. The booking is the member's;
`booked_by` records the staff member who made it. An unknown member: 404."""

import uuid

from fastapi import APIRouter, Request

from ..use_cases import booking as booking_cases
from ..use_cases import staff_booking
from .deps import Config, DbPool, Now, StaffPrincipal
from .errors import ERROR_RESPONSES, answering
from .models.bookings import BookingCreated, BookingIn, BookingOut
from .rate_limit import limit_booking_attempts

router = APIRouter(prefix="/api", tags=["bookings"], responses=ERROR_RESPONSES)


class StaffBookingCreated(BookingCreated):
    booked_by: str


@router.post("/members/{member_id}/bookings", status_code=201,
             responses={429: {"description": "Too many booking attempts for this member"}})
async def book_for_member(member_id: uuid.UUID, body: BookingIn, request: Request,
                          pool: DbPool, staff: StaffPrincipal, settings: Config,
                          now: Now) -> StaffBookingCreated:
    """Staff: book a desk, office or room for the member (404 if this service does not know
    them). The same answers as POST /api/bookings otherwise."""
    await limit_booking_attempts(request, member_id, settings.bookings_per_minute)
    with answering():
        row = await staff_booking.book_for_member(
            pool, booking_cases.policy_from(settings), member_id, body.desk_id, body.starts_at,
            body.ends_at, now, staff=staff.sub)
    return StaffBookingCreated(
        **BookingOut.of(row).model_dump(), booked_by=row["booked_by"],
        calendar_url=str(request.url_for("booking_ics", booking_id=row["id"])))
