"""A repeat booking (the same slot every week) and the waiting list, for members."""

import uuid

from fastapi import APIRouter, Request, Response

from ..use_cases import booking as booking_cases
from ..use_cases import repeat_booking, waiting_list
from .deps import Config, DbPool, Now, SoloPrincipal
from .errors import ERROR_RESPONSES, answering
from .models.bookings import BookingOut
from .models.waiting import NotBooked, RepeatIn, RepeatOut, WaitingIn, WaitingOut
from .rate_limit import limit_booking_attempts

router = APIRouter(prefix="/api", tags=["repeat bookings and waiting list"],
                   responses=ERROR_RESPONSES)


@router.post("/bookings/repeat", responses={429: {"description": "Too many booking attempts"}})
async def book_weekly(body: RepeatIn, request: Request, pool: DbPool, solo: SoloPrincipal,
                      settings: Config, now: Now) -> RepeatOut:
    """Book a desk, office or room on the same slot every week for `weeks` weeks (2 to 12).
    Each occurrence is booked as `POST /api/bookings` would (its own savepoint): those that
    can be had are booked (each publishing desk.booked), the others are listed in
    `not_booked` with why (`taken`, or the rule broken). 200 even if none was booked; 422
    naming the field for bad input or an unknown desk."""
    await limit_booking_attempts(request, solo.member, settings.bookings_per_minute)
    with answering():
        done = await repeat_booking.book_weekly(pool, booking_cases.policy_from(settings),
                                                solo.member, body.desk_id, body.starts_at,
                                                body.ends_at, body.weeks, now)
    return RepeatOut(
        booked=[BookingOut.of(o.booking) for o in done if o.booking],
        not_booked=[NotBooked(starts_at=o.starts_at, ends_at=o.ends_at, reason=o.reason,
                              msg=o.message, msg_fr=o.message_fr)
                    for o in done if o.booking is None])


@router.get("/me/waiting-list")
async def my_waiting_list(pool: DbPool, solo: SoloPrincipal, now: Now) -> list[WaitingOut]:
    """The member's waiting-list entries for slots not over yet, soonest first."""
    return [WaitingOut.of(r) for r in await waiting_list.entries(pool, solo.member, now)]


@router.post("/waiting-list", status_code=201)
async def join(body: WaitingIn, pool: DbPool, solo: SoloPrincipal, settings: Config,
               now: Now) -> WaitingOut:
    """Wait for any resource of `kind` at the place for that slot: when a booking there is
    cancelled or released as a no-show, the first in line whose slot is free is booked
    (desk.booked published). 409 if already in that line, or if a resource of that kind is
    free for the slot (book it); 422 naming the rule if the slot could never be booked."""
    with answering():
        row = await waiting_list.join(pool, booking_cases.policy_from(settings), solo.member,
                                      body.telecentre_id, body.kind, body.starts_at,
                                      body.ends_at, now)
    return WaitingOut.of(row)


@router.delete("/waiting-list/{entry_id}", status_code=204)
async def leave(entry_id: uuid.UUID, pool: DbPool, solo: SoloPrincipal) -> Response:
    """Leave the line. 404 if no such entry (or left already), 403 if another member's."""
    with answering("path"):
        await waiting_list.leave(pool, entry_id, solo.member)
    return Response(status_code=204)
