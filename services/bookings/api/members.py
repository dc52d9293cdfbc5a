"""A member's own page (bookings, no-shows, calendar feed); the member list for staff."""

from fastapi import APIRouter, Request

from ..domain.calendar_feed import feed_address
from ..use_cases import members as member_cases
from .deps import DbPool, SoloPrincipal, StaffPrincipal
from .errors import ERROR_RESPONSES, answering
from .models.bookings import BookingOut
from .models.members import MemberOut
from .models.values import Commune

router = APIRouter(prefix="/api", tags=["members"], responses=ERROR_RESPONSES)


def feed_url(request: Request, token: str) -> str:
    """Through the front door (SOHO_PUBLIC_URL), never from the request's Host header."""
    return feed_address(request.app.state.settings.public_url, token)


def member_out(row, no_shows: int, **extra) -> MemberOut:
    return MemberOut(member_id=row["member_id"], installed_on=row["installed_on"],
                     village=Commune(insee_code=row["village_insee"], name=row["village_name"]),
                     no_shows=no_shows, **extra)


@router.get("/me")
async def me(request: Request, pool: DbPool, solo: SoloPrincipal) -> MemberOut:
    """The member as this service knows them, their no-shows, and their private calendar
    feed URL (subscribe to it in a calendar app; keep it secret)."""
    with answering():
        member, no_shows = await member_cases.profile(pool, solo.member)
    return member_out(member, no_shows, calendar_feed_url=feed_url(request, member["feed_token"]))


@router.get("/me/bookings")
async def my_bookings(pool: DbPool, solo: SoloPrincipal) -> list[BookingOut]:
    """The member's bookings, newest first, whatever their status."""
    return [BookingOut.of(r) for r in await member_cases.own_bookings(pool, solo.member)]


@router.post("/me/calendar-feed")
async def new_feed_url(request: Request, pool: DbPool, solo: SoloPrincipal) -> MemberOut:
    """Replace the calendar feed URL (if it leaked): the old one stops working."""
    with answering():
        member, no_shows = await member_cases.profile(pool, solo.member)
        token = await member_cases.rotate_feed_token(pool, solo.member)
    return member_out(member, no_shows, calendar_feed_url=feed_url(request, token))


@router.get("/members")
async def list_members(pool: DbPool, _: StaffPrincipal) -> list[MemberOut]:
    """Staff: the members known here, with their no-shows and active bookings."""
    return [member_out(r, r["no_shows"], active_bookings=r["active_bookings"])
            for r in await member_cases.all_members(pool)]
