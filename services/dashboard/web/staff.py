"""The staff page behind the front door: /staff/, in the platform's shared look.

Identity checked the session and the front door passed its token on (`X-Soho-Identity`);
the page reads who is calling from it as the APIs do (shared.auth), never from the `/`
page's own cookie. The same figures, charts, map and live feed as the `/` page; its script
refreshes the figures from /staff/partials/figures and listens to /staff/api/events/stream,
since only /staff* reaches the dashboard through the front door."""

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from shared.auth import Role, StaffPrincipal
from shared.http.deps import DbPool
from shared.web.access import page_access
from shared.web.language import page_language
from shared.web.pages import Pages

from ..adapters.templates import static_version
from ..domain import labels
from ..use_cases.feed import read_feed
from . import formatting
from .pages import figures_context, static

PAGES = Pages(Path(__file__).parent.parent / "templates")
TEXTS = {lang: labels.texts(lang) for lang in labels.LANGS}

router = APIRouter(prefix="/staff", tags=["staff page"], include_in_schema=False)


def _render(request: Request, template: str, **context) -> HTMLResponse:
    return PAGES.render(request, template, texts=TEXTS, fig=labels.figure_labels(
        context["lang"]), fmt=formatting, labels=labels, **context)


@router.get("/", response_class=HTMLResponse)
async def staff_page(request: Request, pool: DbPool) -> Response:
    """The key figures and the live feed (staff; French, `?lang=en` English)."""
    who = page_access(request, PAGES, Role.STAFF)
    if isinstance(who, Response):
        return who
    lang = page_language(request)
    context = await figures_context(pool, lang)
    return _render(request, "staff.html", principal=who, feed=await read_feed(pool, lang),
                   figures_css_version=static_version("figures.css"),
                   script_version=static_version("dashboard.js"), **context)


@router.get("/partials/figures", response_class=HTMLResponse)
async def staff_figures_fragment(request: Request, pool: DbPool,
                                 staff: StaffPrincipal) -> HTMLResponse:
    """The figures part of the page, for its script to refresh them on each event."""
    return _render(request, "figures.html", principal=staff,
                   **await figures_context(pool, page_language(request)))


@router.get("/static/{name}")
async def staff_static(name: str) -> Response:
    return await static(name)
