"""A member's own page behind the front door: /members/ (solos only). Identity checked the
session; who calls is read from the token the front door passed on, as the API reads it.
The same use cases as GET /api/me and /api/me/bookings."""

from datetime import UTC, datetime
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from shared.auth import Role
from shared.http.deps import DbPool
from shared.web.access import page_access
from shared.web.pages import Pages

from ..domain.calendar_feed import KIND_LABELS, feed_address
from ..domain.member_home import split_bookings
from ..use_cases import members as member_cases
from ..use_cases.errors import Forbidden
from . import dates
from .texts import TEXTS, past_count

PAGES = Pages(Path(__file__).parent.parent / "templates")

router = APIRouter(prefix="/members", tags=["members' pages"], include_in_schema=False)


def _now(request: Request) -> datetime:
    """The current instant; tests may set `app.state.clock`, as for the API."""
    clock = getattr(request.app.state, "clock", None)
    return clock() if clock is not None else datetime.now(UTC)


def kind_label(kind: str, lang: str) -> str:
    pair = KIND_LABELS.get(kind)
    return (pair[1] if lang == "en" else pair[0]) if pair else kind


@router.get("/", response_class=HTMLResponse)
async def member_home(request: Request, pool: DbPool) -> Response:
    """The member's coming bookings, how many are past, their calendar feed (French,
    `?lang=en` English)."""
    who = page_access(request, PAGES, Role.SOLO)
    if isinstance(who, Response):
        return who
    try:
        member, _ = await member_cases.profile(pool, who.member)
    except Forbidden:  # solo.installed has not reached bookings yet
        member = None
    rows = await member_cases.own_bookings(pool, who.member) if member else []
    mine = split_bookings(rows, _now(request))
    feed = (feed_address(request.app.state.settings.public_url, member["feed_token"])
            if member else None)
    return PAGES.render(request, "member_home.html", principal=who, texts=TEXTS,
                        member=member, coming=mine.coming, past=mine.past, feed_url=feed,
                        dates=dates, kind_label=kind_label, past_count=past_count)
