"""What the staff's case pages share: their templates, who may open them (staff), an id
read from the address (malformed: the 404 page), today in the Gers, a form's fields."""

import datetime
import uuid
from pathlib import Path

from fastapi import Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from shared.auth import Principal, Role
from shared.web.access import not_found_page, page_access
from shared.web.pages import Pages

from .. import domain

PAGES = Pages(Path(__file__).parent.parent / "templates")
LIST = "/staff/cases/"
MAX_FIELD = 10_000


def today() -> datetime.date:
    return domain.local_date(datetime.datetime.now(datetime.UTC))


def parsed_id(raw: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(raw)
    except ValueError:
        return None


def opened(request: Request, raw_id: str) -> tuple[Principal, uuid.UUID] | Response:
    """Staff and a well-formed id, or the page that refuses (401/403) or finds nothing (404)."""
    who = page_access(request, PAGES, Role.STAFF)
    if isinstance(who, Response):
        return who
    parsed = parsed_id(raw_id)
    return (who, parsed) if parsed is not None else not_found_page(request, PAGES, who)


def actor(who: Principal) -> str:
    """Who the checklist says acted: the person's name, as the prospect file writes it."""
    return (who.name or who.sub)[:100]


async def form_fields(request: Request) -> dict[str, str]:
    try:
        form = await request.form()
    except Exception:  # a body the parser refuses: an empty form, said field by field
        return {}
    return {key: value[:MAX_FIELD] for key, value in form.multi_items()
            if isinstance(value, str) and not isinstance(value, UploadFile)}
