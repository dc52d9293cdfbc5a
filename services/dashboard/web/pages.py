"""The staff page: sign in with a staff token (kept in an HttpOnly, SameSite=Strict cookie,
Secure over https), then the key figures, charts, the map and the live feed. Rendered on the
server, so the figures show without JavaScript; a small script served here adds the live parts."""

from urllib.parse import urlsplit
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from shared.http.deps import DbPool

from ..adapters.templates import render, static_file
from ..domain import labels
from ..use_cases.access import (COOKIE, PROTECTED, Staff, clear_staff_cookie, set_staff_cookie,
                                staff_principal)
from ..use_cases.errors import NotStaff
from ..use_cases.feed import read_feed
from ..use_cases.figures import read_kpis
from . import charts, formatting
from .gers_map import gers_map

STATIC = {"dashboard.css": "text/css; charset=utf-8",
          "figures.css": "text/css; charset=utf-8",
          "dashboard.js": "text/javascript; charset=utf-8"}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
                               "img-src 'self'; connect-src 'self'; form-action 'self'; "
                               "base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # "no-referrer" makes Chromium post Origin: null
    "Cache-Control": "no-store",
}

router = APIRouter(tags=["staff page"])


def _html(template: str, status_code: int = 200, **context) -> HTMLResponse:
    lang = context["lang"]
    page = render(template, t=labels.texts(lang), fig=labels.figure_labels(lang),
                  fmt=formatting, labels=labels, **context)
    return HTMLResponse(page, status_code=status_code, headers=SECURITY_HEADERS)


def _same_origin(request: Request) -> bool:
    """A form posted from another site is refused (the cookie is SameSite=Strict too). The
    host is compared, not the scheme: behind a TLS proxy the service itself sees http."""
    origin = request.headers.get("origin")
    return origin is None or urlsplit(origin).netloc == request.url.netloc


def _home(lang: str) -> str:
    return "/?lang=en" if lang == "en" else "/"


async def figures_context(pool, lang: str) -> dict:
    k = await read_kpis(pool)
    return {"k": k, "lang": lang, "funnel": charts.funnel(k), "years": charts.years(k),
            "weeks": charts.weeks(k), "map": gers_map(k.installations_by_village)}


@router.get("/", response_class=HTMLResponse)
async def page(request: Request, pool: DbPool, lang: str | None = None) -> HTMLResponse:
    """The staff page (French; `?lang=en` English): the sign-in form, or the figures."""
    lang = labels.lang_of(lang)
    try:
        staff_principal(request.app.state.settings.secret, request.cookies.get(COOKIE))
    except NotStaff as refused:
        signed_out = COOKIE not in request.cookies
        error = None if signed_out else "not_staff" if refused.status_code == 403 else "bad_token"
        response = _html("signin.html", 200 if signed_out else refused.status_code,
                         lang=lang, error=error)
        if not signed_out:
            clear_staff_cookie(response, request)
        return response
    context = await figures_context(pool, lang)
    return _html("dashboard.html", feed=await read_feed(pool, lang), **context)


@router.post("/login", response_class=HTMLResponse, responses={
    303: {"description": "signed in: back to the page"}, 401: {"description": "a bad token"},
    403: {"description": "not a staff token, or posted from another site"}})
async def sign_in(request: Request, token: Annotated[str, Form(max_length=4096)] = "",
                  lang: Annotated[str, Form(max_length=2)] = "fr") -> Response:
    """Signs a staff member in: the token is kept in an HttpOnly, SameSite=Strict cookie."""
    lang = labels.lang_of(lang)
    if not _same_origin(request):
        return _html("signin.html", 403, lang=lang, error="not_staff")
    token = token.strip()
    try:
        staff_principal(request.app.state.settings.secret, token)
    except NotStaff as refused:
        error = ("missing_token" if not token else
                 "not_staff" if refused.status_code == 403 else "bad_token")
        return _html("signin.html", refused.status_code, lang=lang, error=error)
    response = RedirectResponse(_home(lang), status_code=303)
    set_staff_cookie(response, request, token)
    return response


@router.post("/logout", responses={303: {"description": "signed out: back to the page"}})
async def sign_out(request: Request, lang: str | None = None) -> Response:
    """Forgets the sign-in cookie."""
    response = RedirectResponse(_home(labels.lang_of(lang)), status_code=303)
    if _same_origin(request):
        clear_staff_cookie(response, request)
    return response


@router.get("/partials/figures", response_class=HTMLResponse, responses=PROTECTED)
async def figures_fragment(pool: DbPool, staff: Staff, lang: str | None = None) -> HTMLResponse:
    """The figures part of the page, for the page's script to refresh it on each event."""
    context = await figures_context(pool, labels.lang_of(lang))
    return _html("figures.html", **context)


@router.get("/favicon.ico", include_in_schema=False)
async def favicon() -> Response:
    return Response(status_code=204)


@router.get("/static/{name}", include_in_schema=False)
async def static(name: str) -> Response:
    """The page's stylesheets and script (also under /staff/static/, behind the front door)."""
    if name not in STATIC:
        return Response(status_code=404)
    return Response(static_file(name), media_type=STATIC[name],
                    headers={"Cache-Control": "public, max-age=300",
                             "X-Content-Type-Options": "nosniff"})
