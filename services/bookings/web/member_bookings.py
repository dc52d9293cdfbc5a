"""A member's bookings for staff, behind the front door: GET /staff/bookings/members/{id}.

Coming bookings first (soonest first), then past ones (latest first), each list keyset-paged
(`?coming_after=<booking id>`, `?past_after=<booking id>`), with the place, the desk, the
times and the status (booked, checked in, cancelled, no-show).

With the `HX-Request` header (htmx) only the fragment is answered, no layout: onboarding's
member page loads it into itself with `hx-get`, and its paging links swap it in place.
A member bookings does not know (not installed yet, or erased) is then a fragment saying
so (200: the page that asked still shows it); without the header, the 404 page. Staff only;
a malformed id is the 404 page."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from shared.http.deps import DbPool
from shared.web.access import not_found_page
from shared.web.language import page_language

from ..use_cases import members as member_cases
from ..use_cases.errors import NotFound
from .member_bookings_texts import TEXTS, status_text
from .staff_booking import notice
from .staff_pages import PAGES, now, opened, parsed_id
from .telecentre_texts import RESOURCE_KINDS, named

router = APIRouter(prefix="/staff/bookings", tags=["staff pages: bookings"],
                   include_in_schema=False)
PAGE_SIZE = 20
FRAGMENT = "staff_member_bookings_fragment.html"


def is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request", "").lower() == "true"


@router.get("/members/{member_id}", response_class=HTMLResponse)
async def member_bookings(member_id: str, request: Request, pool: DbPool,
                          coming_after: str | None = None,
                          past_after: str | None = None) -> Response:
    """The member's bookings: the full page, or with HX-Request the fragment alone."""
    found = opened(request, member_id)
    if isinstance(found, Response):
        return found
    who, member = found
    fragment = is_htmx(request)
    cursors = {"coming_after": parsed_id(coming_after), "past_after": parsed_id(past_after)}
    try:
        shown = await member_cases.bookings_for_staff(pool, member, now(request),
                                                      limit=PAGE_SIZE, **cursors)
    except NotFound:
        if not fragment:
            return not_found_page(request, PAGES, who)
        shown = None
    # The staff menu's "Members": onboarding's member page is where staff come from.
    context = dict(principal=who, texts=TEXTS, current_menu_href="/staff/members/", member_id=member, shown=shown,
                   cursors={k: v for k, v in cursors.items() if v},
                   status_text=status_text, notice=notice(request, shown, page_language(request)),
                   kind=lambda code, lang: named(RESOURCE_KINDS, code, lang))
    template = FRAGMENT if fragment else "staff_member_bookings.html"
    return PAGES.render(request, template, headers={"Vary": "HX-Request"}, **context)
