"""Unsubscribe links (public): a page asking to confirm, and the one-click POST of
RFC 8058 that mail clients send for the List-Unsubscribe-Post header. A GET alone never
unsubscribes (link scanners follow links)."""

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from shared.http.deps import DbPool, Settings

from ..adapters.templating import TEMPLATES_DIR
from ..use_cases import unsubscribing

router = APIRouter(prefix="/unsubscribe", tags=["unsubscribe"])
pages = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape())
Token = Annotated[str, Path(max_length=1000)]
Lang = Annotated[Literal["fr", "en"], Query(description="language of the page")]


def _page(state: str, lang: str, token: str, status: int = 200,
          address: str | None = None) -> HTMLResponse:
    html = pages.get_template("_unsubscribe_page.html").render(
        state=state, lang=lang, token=token, address=address)
    return HTMLResponse(html, status_code=status)


@router.get("/{token}", response_class=HTMLResponse, summary="Confirm leaving a list",
            responses={404: {"description": "Not a valid link"}})
async def confirm_page(token: Token, settings: Settings, lang: Lang = "fr") -> HTMLResponse:
    address = unsubscribing.link_address(settings.secret, token)
    if address is None:
        return _page("invalid", lang, token, 404)
    return _page("confirm", lang, token, address=address)


@router.post("/{token}", response_class=HTMLResponse, summary="Leave the list (one click)",
             responses={404: {"description": "Not a valid link"}})
async def unsubscribe(token: Token, pool: DbPool, settings: Settings,
                      lang: Lang = "fr") -> HTMLResponse:
    address = await unsubscribing.leave_list(pool, settings.secret, token)
    if address is None:
        return _page("invalid", lang, token, 404)
    return _page("done", lang, token, address=address)
