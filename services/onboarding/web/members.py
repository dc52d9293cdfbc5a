"""The staff's member pages, behind the front door (staff only).

GET /staff/members/             every installed solo, newest first: name, village, date,
                                sector; a village filter (a GET form); keyset-paged (`after`:
                                the installation date and id of the last one shown)
GET /staff/members/{member_id}  a member: their card as onboarding knows it, their village,
                                their follow-ups at 1, 6 and 12 months, and a region that
                                bookings fills (/staff/bookings/members/{id}, an htmx
                                fragment; without JavaScript, a link to it). Onboarding never
                                calls bookings.

An unknown or malformed id is the 404 page."""

import datetime
import re
import uuid
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from shared.http.deps import DbPool
from shared.reference.countries import countries
from shared.reference.sectors import sector_name
from shared.web.access import not_found_page
from shared.web.language import page_language

from .. import domain
from ..use_cases import staff_members
from .member_texts import TEXTS
from .page_forms import PAGES, counted, staff_only

router = APIRouter(prefix="/staff/members", tags=["staff pages: members"],
                   include_in_schema=False)
LIST = "/staff/members/"
INSEE = re.compile(r"^[0-9][0-9AB][0-9]{3}$")


def _cursor(raw: str) -> tuple[datetime.date, uuid.UUID] | None:
    """`2026-05-14_<uuid>` as (date, id); None when it is not one."""
    day, _, member = raw.partition("_")
    try:
        return datetime.date.fromisoformat(day), uuid.UUID(member)
    except ValueError:
        return None


def _href(village: str, after: tuple[datetime.date, uuid.UUID] | None = None) -> str:
    query = urlencode([*([("village", village)] if village else []),
                       *([("after", f"{after[0].isoformat()}_{after[1]}")] if after else [])])
    return LIST + (f"?{query}" if query else "")


@router.get("/", response_class=HTMLResponse)
async def member_list(request: Request, pool: DbPool) -> Response:
    """The members' directory for staff (French, `?lang=en` English)."""
    who = staff_only(request)
    if isinstance(who, Response):
        return who
    lang = page_language(request)
    t = TEXTS[lang]
    errors = []
    village = request.query_params.get("village", "").strip()
    if village and not INSEE.match(village):
        errors.append(("filter-village", t["bad_filter"]))
        village = ""
    raw_after = request.query_params.get("after", "")
    after = _cursor(raw_after[:100]) if raw_after else None
    if raw_after and after is None:
        errors.append(("members", t["bad_cursor"]))
    found = await staff_members.member_list(pool, village or None, after)
    return PAGES.render(
        request, "staff_members.html", principal=who, texts=TEXTS, lang=lang,
        status_code=422 if errors else 200, errors=errors, village=village, after=after,
        found=found, sector=lambda code: sector_name(code, lang),
        next_url=_href(village, found.next_after) if found.next_after else None,
        first_url=_href(village) if after else None)


@router.get("/{member_id}", response_class=HTMLResponse)
async def member_page(member_id: str, request: Request, pool: DbPool) -> Response:
    """A member's page (staff; French, `?lang=en` English)."""
    who = staff_only(request)
    if isinstance(who, Response):
        return who
    try:
        parsed = uuid.UUID(member_id)
    except ValueError:
        return not_found_page(request, PAGES, who)
    found = await staff_members.member_with_follow_ups(pool, parsed)
    if found is None:
        return not_found_page(request, PAGES, who)
    lang = page_language(request)
    m = found.member
    country = countries().get(m["origin_country"] or "")
    return PAGES.render(
        request, "staff_member.html", principal=who, texts=TEXTS, lang=lang, m=m,
        follow_ups=found.follow_ups, today=domain.local_date(datetime.datetime.now(datetime.UTC)),
        sector_name=sector_name(m["sector"], lang),
        country_name=country.name(lang) if country else m["origin_country"],
        counted=counted, bookings_url=f"/staff/bookings/members/{parsed}")
