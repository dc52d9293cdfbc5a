"""The messages sent (or not) to or about one person, /staff/deliveries/of-prospect/{id}:
the prospect file (prospects' page) loads it with htmx, so an htmx request (HX-Request)
gets the fragment alone, anyone else the whole page. A timeline, newest first, each entry a
link to the message; the 20 newest, then a link to the log filtered on the person."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from shared.http.deps import DbPool
from shared.web.language import page_language

from ..use_cases import delivery_log
from .deliveries_texts import TEXTS
from .delivery_view import line
from .staff_pages import LOG, PAGES, opened

SHOWN = 20

router = APIRouter(prefix="/staff/deliveries", tags=["staff pages: a person's messages"],
                   include_in_schema=False)


@router.get("/of-prospect/{prospect_id}", response_class=HTMLResponse)
async def messages_about(prospect_id: str, request: Request, pool: DbPool) -> Response:
    found = opened(request, prospect_id)
    if isinstance(found, Response):
        return found
    who, parsed = found
    lang = page_language(request)
    rows, more = await delivery_log.about_person(pool, parsed, limit=SHOWN)
    fragment = bool(request.headers.get("HX-Request"))
    return PAGES.render(
        request, "staff_prospect_deliveries_fragment.html" if fragment
        else "staff_prospect_deliveries.html", principal=who, texts=TEXTS, lang=lang,
        lines=[line(r, lang) for r in rows], prospect_id=parsed,
        more_url=f"{LOG}?prospect={parsed}" if more else None,
        headers={"Vary": "HX-Request"})
