"""What identity's pages share: the templates, the texts, the session cookie, the client's
address, reading a form without ever failing on what a client sends."""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse

from shared.web.language import page_language
from shared.web.pages import Pages

from ..config import IdentitySettings
from ..use_cases.errors import TooManyAttempts
from ..use_cases.sessions import COOKIE, OpenedSession
from .texts import TEXTS

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
pages = Pages(TEMPLATES)
PARIS = ZoneInfo("Europe/Paris")
MAX_FIELD = 2000  # characters kept of any field (an address, a name, a password is less)

# The form routes' body, for the OpenAPI document (they read it with request.form()).
def form_body(*fields: str) -> dict:
    return {"requestBody": {"required": True, "content": {
        "application/x-www-form-urlencoded": {"schema": {
            "type": "object",
            "properties": {name: {"type": "string"} for name in (*fields, "csrftoken")}}}}}}


def client_address(request: Request) -> str:
    """The client's address (uvicorn takes it from X-Forwarded-For only when the front door
    sends it, so behind the proxy this is still the visitor's)."""
    return request.client.host if request.client else "unknown"


async def read_form(request: Request) -> dict[str, str]:
    """The form's text fields (files and unreadable bodies give nothing)."""
    try:
        form = await request.form()
    except Exception:  # a body the parser refuses: treated as an empty form
        return {}
    return {key: value[:MAX_FIELD] for key, value in form.multi_items()
            if not isinstance(value, UploadFile) and isinstance(value, str)}


def render(request: Request, template: str, *, status_code: int = 200,
           headers: dict[str, str] | None = None, **context: Any) -> HTMLResponse:
    return pages.render(request, template, texts=TEXTS, status_code=status_code,
                        headers=headers, **context)


def texts(request: Request) -> dict[str, str]:
    return TEXTS[page_language(request)]


def too_many_message(request: Request, refusal: TooManyAttempts) -> str:
    at = datetime.now(UTC) + timedelta(seconds=refusal.retry_after)
    minutes = max(1, -(-refusal.retry_after // 60))
    return texts(request)["too_many"].format(minutes=minutes,
                                             at=at.astimezone(PARIS).strftime("%H:%M"))


def signed_in_redirect(settings: IdentitySettings, opened: OpenedSession,
                       location: str) -> RedirectResponse:
    response = RedirectResponse(location, status_code=303,
                                headers={"Cache-Control": "no-store"})
    response.set_cookie(COOKIE, opened.token, max_age=opened.max_age, path="/", httponly=True,
                        samesite="lax", secure=settings.secure_cookies)
    return response


def clear_session_cookie(settings: IdentitySettings, response) -> None:
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax",
                           secure=settings.secure_cookies)


def paris_time(moment: datetime | None) -> str:
    return moment.astimezone(PARIS).strftime("%Y-%m-%d %H:%M") if moment else ""


pages.env.globals["paris_time"] = paris_time
