"""Rendering a person's page in the platform's one look.

    pages = Pages(Path(__file__).parent.parent / "templates")
    return pages.render(request, "member_home.html", texts=TEXTS, bookings=bookings)

A service's templates extend "layout.html" (shared/web/templates); the context always has
`lang`, `t` (the service's texts in that language), `layout` (the header's words),
`principal` (who is signed in, from the token the front door passed on, or None),
`menu`, `switch_url`, `csrf_field` (put it in every POST form) and `asset(name)`; the
filters `date`, `datetime`, `time`, `number`, `percent` speak the page's language (Babel),
and `{% include "htmx.html" %}` in a page's head block brings htmx."""

from pathlib import Path
from typing import Any, Mapping

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from shared.auth import InvalidToken, Principal, decode_token, presented_token

from .assets import asset_url
from .csrf import FORM_FIELD, csrf_token
from .formats import filters_for
from .language import LANG_COOKIE, LANG_COOKIE_MAX_AGE, Lang, asked_language, page_language, switch_url
from .menus import menu_for
from .texts import LAYOUT

SHARED_TEMPLATES = Path(__file__).parent / "templates"
# Pages are private and change: never kept by the browser (the back button after signing
# out shows nothing), nothing loaded from elsewhere, never framed.
PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": ("default-src 'self'; script-src 'self'; style-src 'self'; "
                                "img-src 'self' data:; form-action 'self'; base-uri 'none'; "
                                "frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def page_principal(request: Request) -> Principal | None:
    """Who is signed in, as the front door told this service; None for a visitor."""
    token = presented_token(request)
    if token is None:
        return None
    try:
        return decode_token(request.app.state.settings.secret, token)
    except InvalidToken:
        return None


class Pages:
    def __init__(self, templates_dir: Path | None = None) -> None:
        folders = [str(templates_dir)] if templates_dir else []
        self.env = Environment(loader=FileSystemLoader([*folders, str(SHARED_TEMPLATES)]),
                               autoescape=select_autoescape(("html", "xml")),
                               trim_blocks=True, lstrip_blocks=True)
        self.env.globals["asset"] = asset_url
        self.env.filters.update(filters_for(lambda context: context.get("lang", "fr")))

    def render(self, request: Request, template: str, *, principal: Principal | None = None,
               texts: Mapping[str, Mapping[str, Any]] | None = None, lang: Lang | None = None,
               status_code: int = 200, headers: Mapping[str, str] | None = None,
               **context: Any) -> HTMLResponse:
        lang = lang or page_language(request)
        principal = principal if principal is not None else page_principal(request)
        menu = menu_for(principal.role if principal else None,
                        admin=bool(principal and principal.admin))
        defaults = {
            "request": request, "lang": lang, "t": (texts or {}).get(lang, {}),
            "layout": LAYOUT[lang], "principal": principal, "menu": menu,
            "current_menu_href": current_item(menu, request.url.path),
            "switch_url": switch_url(request, lang), "csrf_field": csrf_field(request),
            "current_path": request.url.path,
        }
        html = self.env.get_template(template).render({**defaults, **context})
        response = HTMLResponse(html, status_code=status_code,
                                headers={**PAGE_HEADERS, **(headers or {})})
        if asked_language(request):  # the switch is remembered for the next pages
            response.set_cookie(LANG_COOKIE, lang, max_age=LANG_COOKIE_MAX_AGE,
                                httponly=True, samesite="lax", path="/")
        return response


def current_item(menu, path: str) -> str | None:
    """The menu entry this page belongs to: the longest whose address starts the path."""
    matching = [item.href for item in menu
                if path == item.href
                or (item.href != "/" and path.startswith(item.href.rstrip("/") + "/"))]
    return max(matching, key=len, default=None)


def csrf_field(request: Request) -> Markup:
    """The hidden input every POST form carries (empty outside a protected prefix)."""
    token = csrf_token(request)
    if token is None:
        return Markup("")
    return Markup(f'<input type="hidden" name="{FORM_FIELD}" value="{escape(token)}">')
