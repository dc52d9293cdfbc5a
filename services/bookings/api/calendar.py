"""A member's private calendar feed: the URL's token is the only credential, since
calendar apps cannot send a bearer token."""

from fastapi import APIRouter, Path, Response

from ..use_cases import calendar as calendar_cases
from .deps import DbPool, Now
from .errors import answering

router = APIRouter(tags=["calendar"])
FEED_RESPONSES = {200: {"content": {"text/calendar": {}}}, 404: {"description": "No such feed"}}


@router.get("/calendar/{token}.ics", name="member_feed", response_class=Response,
            responses=FEED_RESPONSES)
async def member_feed(pool: DbPool, now: Now,
                      token: str = Path(min_length=20, max_length=100,
                                        pattern=r"^[A-Za-z0-9_-]+$")) -> Response:
    """The member's bookings to come (and those under way) as an iCalendar feed, at the
    address the front door serves to everyone (SOHO_PUBLIC_URL + /calendar/…)."""
    with answering("path"):
        body = await calendar_cases.member_feed(pool, token, now)
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"Cache-Control": "private, max-age=300"})


@router.get("/api/calendar/{token}.ics", name="member_feed_old", response_class=Response,
            responses=FEED_RESPONSES)
async def member_feed_old(pool: DbPool, now: Now,
                          token: str = Path(min_length=20, max_length=100,
                                            pattern=r"^[A-Za-z0-9_-]+$")) -> Response:
    """The same feed at its first address, kept for calendars already subscribed to it."""
    return await member_feed(pool, now, token)
