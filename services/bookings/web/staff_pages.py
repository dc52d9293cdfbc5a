"""What the staff's pages of this service share: their templates, who may open them (staff;
a malformed id is the 404 page, as an unknown one is), the clock, and a posted form read
without ever failing."""

import uuid
from datetime import UTC, datetime
from pathlib import Path

from fastapi import Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from shared.auth import Principal, Role
from shared.web.access import not_found_page, page_access
from shared.web.pages import Pages

PAGES = Pages(Path(__file__).parent.parent / "templates")
MAX_FIELD = 10_000


def now(request: Request) -> datetime:
    """The current instant; tests may set `app.state.clock`, as for the API."""
    clock = getattr(request.app.state, "clock", None)
    return clock() if clock is not None else datetime.now(UTC)


def parsed_id(raw: str | None) -> uuid.UUID | None:
    if not raw or len(raw) > 100:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        return None


def opened(request: Request, raw_id: str) -> tuple[Principal, uuid.UUID] | Response:
    """Staff and a well-formed id, or the page that refuses (401/403) or finds nothing (404)."""
    who = page_access(request, PAGES, Role.STAFF)
    if isinstance(who, Response):
        return who
    found = parsed_id(raw_id)
    return (who, found) if found is not None else not_found_page(request, PAGES, who)


async def form_fields(request: Request) -> dict[str, str]:
    try:
        form = await request.form()
    except Exception:  # a body the parser refuses: an empty form, said field by field
        return {}
    return {key: value[:MAX_FIELD] for key, value in form.multi_items()
            if isinstance(value, str) and not isinstance(value, UploadFile)}
