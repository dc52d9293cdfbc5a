"""The language of a page: `?lang=fr|en` (kept in the `soho_lang` cookie), else the cookie,
else French. The switch link leads to the same page in the other language."""

from typing import Literal
from urllib.parse import urlencode

from starlette.requests import Request

Lang = Literal["fr", "en"]
LANGUAGES: tuple[Lang, ...] = ("fr", "en")
LANG_COOKIE = "soho_lang"
LANG_COOKIE_MAX_AGE = 365 * 24 * 3600


def asked_language(request: Request) -> Lang | None:
    """The language the address asks for, if it asks for one we speak."""
    asked = request.query_params.get("lang")
    return asked if asked in LANGUAGES else None  # type: ignore[return-value]


def page_language(request: Request) -> Lang:
    kept = request.cookies.get(LANG_COOKIE)
    return asked_language(request) or (kept if kept in LANGUAGES else "fr")  # type: ignore[return-value]


def other_language(lang: Lang) -> Lang:
    return "en" if lang == "fr" else "fr"


def switch_url(request: Request, lang: Lang) -> str:
    """This page's path and query, in the other language."""
    query = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    query.append(("lang", other_language(lang)))
    return f"{request.url.path}?{urlencode(query)}"
