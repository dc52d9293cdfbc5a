"""The staff's prospect search page: /staff/prospects/search?q=… (staff only).

A plain GET form: it works without JavaScript, each page of results a link. With htmx the
results follow the typing (the same address answers the results alone to htmx), and
shared/web/static/search-keys.js moves between the box and the results with the arrow
keys. Routes stay thin: the use case is the API's (use_cases/search.py)."""

import re
from pathlib import Path
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from shared.auth import Role
from shared.http.deps import DbPool
from shared.web.access import page_access
from shared.web.language import page_language
from shared.web.pages import Pages

from ..use_cases import search
from ..use_cases.errors import BadCursor
from .search_texts import STAGES, TEXTS

PAGES = Pages(Path(__file__).parent.parent / "templates")
ADDRESS = "/staff/prospects/search"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

router = APIRouter(prefix="/staff/prospects", tags=["staff pages"], include_in_schema=False)


def _page_url(q: str, lang: str | None, after: str | None = None) -> str:
    query = {"q": q, **({"after": after} if after else {}), **({"lang": lang} if lang else {})}
    return f"{ADDRESS}?{urlencode(query)}"


@router.get("/search", response_class=HTMLResponse)
async def search_page(request: Request, pool: DbPool, q: str = "",
                      after: str | None = None) -> Response:
    """Matches best first, 20 a page; the results alone for htmx (HX-Request)."""
    who = page_access(request, PAGES, Role.STAFF)
    if isinstance(who, Response):
        return who
    lang = page_language(request)
    words = TEXTS[lang]
    q = _CONTROL.sub(" ", q).strip()
    status, notice, found = 200, None, None
    if len(q) > search.MAX_QUERY:
        status, notice = 422, words["too_long"].format(max=search.MAX_QUERY)
    elif q:
        try:
            found = await search.search(pool, q, after if after and len(after) <= 200
                                        else None)
        except BadCursor:
            notice, found = words["bad_cursor"], await search.search(pool, q)
        if not found.searched:
            notice = words["too_short"]
    asked = request.query_params.get("lang")
    next_url = (_page_url(q, asked, found.next_cursor)
                if found is not None and found.next_cursor else None)
    template = ("staff_search_results.html" if request.headers.get("HX-Request")
                else "staff_search.html")
    return PAGES.render(request, template, principal=who, texts=TEXTS, lang=lang,
                        status_code=status, q=q, found=found, notice=notice,
                        next_url=next_url, first_url=_page_url(q, asked) if after else None,
                        stages=STAGES[lang], address=ADDRESS,
                        headers={"Vary": "HX-Request"})
