"""The public site's villages, for everyone (no sign-in; the front door routes /villages
and /villages/* here with no session check): the map of host and associated villages and
their list, and each village's page (what its committee published, in the reader's
language or else the other one, services, broadband, distances to Auch and Toulouse). A
commune that is neither host nor associated: the 404 page. No script, nothing loaded from
elsewhere, no cookie but the language switch's."""

from pathlib import Path
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from shared.http.deps import DbPool
from shared.web.access import not_found_page
from shared.web.gers_map import gers_map
from shared.web.language import asked_language, page_language
from shared.web.pages import Pages

from ..use_cases.public_villages import public_village, public_villages
from .public_texts import FIELD_NAMES, TEXTS
from .texts import counted

PAGES = Pages(Path(__file__).parent.parent / "templates")

router = APIRouter(prefix="/villages", tags=["public site: villages"], include_in_schema=False)


def _query(request: Request) -> str:
    lang = asked_language(request)
    return f"?{urlencode({'lang': lang})}" if lang else ""


@router.get("/", response_class=HTMLResponse)
async def villages(request: Request, pool: DbPool) -> Response:
    """The map and the list of host and associated villages (French, `?lang=en` English)."""
    listed = await public_villages(pool)
    drawn = gers_map([v["insee_code"] for v in listed])
    return PAGES.render(request, "public_villages.html", texts=TEXTS, villages=listed,
                        map=drawn, by_code={v["insee_code"]: v for v in listed},
                        counted=counted, query=_query(request))


@router.get("/{insee_code}", response_class=HTMLResponse)
async def village(insee_code: str, request: Request, pool: DbPool) -> Response:
    """A host or associated village's public page; any other address: the 404 page."""
    found = await public_village(pool, insee_code) if insee_code.isdigit() else None
    if found is None:
        return not_found_page(request, PAGES, None)
    lang = page_language(request)
    return PAGES.render(request, "public_village.html", texts=TEXTS, v=found, counted=counted,
                        query=_query(request), p=TEXTS[lang], names=FIELD_NAMES[lang])
