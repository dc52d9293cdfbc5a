"""What the members' booking pages share: who may open them (solos, each acting as
themself, read from the token the front door passed on), the words of a slot, and the
answer a refused action gets (a page in the shared look, never a 500)."""

import uuid
from datetime import datetime

from fastapi import Request
from fastapi.responses import Response

from shared.auth import Principal, Role
from shared.web.access import page_access
from shared.web.language import page_language

from ..domain.calendar_feed import feed_address
from ..domain.modes import MIDDAY, BookingMode
from ..domain.occupancy import iso_week
from . import dates
from .booking_texts import TEXTS
from .staff_pages import PAGES, now, parsed_id
from .telecentre_texts import RESOURCE_KINDS, named

__all__ = ["PAGES", "TEXTS", "now", "parsed_id", "solo", "slot_words", "message_page",
           "feed_url", "kind_name"]


def solo(request: Request) -> Principal | Response:
    """The member calling, or the page that refuses (401 no identity, 403 another role)."""
    return page_access(request, PAGES, Role.SOLO)


def kind_name(code: str, lang: str) -> str:
    return named(RESOURCE_KINDS, code, lang)


def slot_words(starts_at: datetime, ends_at: datetime, lang: str,
               mode: str | None = None) -> dict[str, str]:
    """The day, the hours and (desks) the half of the day, as the pages write them."""
    t = TEXTS[lang]
    part = ""
    if mode in (BookingMode.HALF_DAY, BookingMode.DAY):
        local_start = starts_at.astimezone(dates.PARIS)
        local_end = ends_at.astimezone(dates.PARIS)
        if local_start.time() < MIDDAY < local_end.time():
            part = t["whole_day"]
        else:
            part = t["morning"] if local_start.time() < MIDDAY else t["afternoon"]
    return {"day": dates.long_date(starts_at, lang),
            "hours": dates.hours(starts_at, ends_at, lang), "part": part,
            "span": f"{dates.short_clock(starts_at, lang)}–{dates.short_clock(ends_at, lang)}",
            "week": iso_week(starts_at.astimezone(dates.PARIS).date())}


def feed_url(request: Request, token: str) -> str:
    """The member's feed through the front door, from SOHO_PUBLIC_URL (never the Host)."""
    return feed_address(request.app.state.settings.public_url, token)


def message_page(request: Request, who: Principal, status_code: int, title: str,
                 paragraphs: list[str], link: tuple[str, str]) -> Response:
    return PAGES.render(request, "message.html", principal=who, status_code=status_code,
                        title=title, paragraphs=paragraphs,
                        link={"href": link[0], "label": link[1]})


def language(request: Request) -> str:
    return page_language(request)


def booking_id(raw: str) -> uuid.UUID | None:
    return parsed_id(raw)
