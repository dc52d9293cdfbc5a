"""A village committee's pages behind the front door: /committees/ leads to its village's
page, /committees/villages/{insee_code} shows who is expected there and who moved in.
Committees only, each on its own village (another village: 403). Identity checked the
session; who calls is read from the token the front door passed on, as the API reads it."""

from pathlib import Path
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from shared.auth import Role
from shared.http.deps import DbPool
from shared.web.access import not_found_page, page_access, refused_page
from shared.web.language import asked_language
from shared.web.pages import Pages

from ..use_cases.committee_page import village_for_committee
from . import dates
from .texts import TEXTS, counted

PAGES = Pages(Path(__file__).parent.parent / "templates")

router = APIRouter(prefix="/committees", tags=["committees' pages"], include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
async def committee_home(request: Request) -> Response:
    """The committee's own village page (303)."""
    who = page_access(request, PAGES, Role.COMMITTEE)
    if isinstance(who, Response):
        return who
    lang = asked_language(request)
    query = f"?{urlencode({'lang': lang})}" if lang else ""
    return RedirectResponse(f"/committees/villages/{who.village}{query}", status_code=303,
                            headers={"Cache-Control": "no-store"})


@router.get("/villages/{insee_code}", response_class=HTMLResponse)
async def village_page(insee_code: str, request: Request, pool: DbPool) -> Response:
    """The village's expected arrivals and installed households (its committee only;
    French, `?lang=en` English)."""
    who = page_access(request, PAGES, Role.COMMITTEE)
    if isinstance(who, Response):
        return who
    if who.village != insee_code:
        return refused_page(request, PAGES, who)
    village = await village_for_committee(pool, insee_code)
    if village is None:
        return not_found_page(request, PAGES, who)
    return PAGES.render(request, "committee_village.html", principal=who, texts=TEXTS,
                        village=village, dates=dates, counted=counted)
