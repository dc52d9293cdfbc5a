"""What every staff page of this service shares: where its templates are (templates/staff/,
apart from the email templates beside it), who may open it, and reading a posted form."""

import uuid
from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from shared.auth import Principal, Role
from shared.web.access import not_found_page, page_access
from shared.web.pages import Pages

# Page templates live in their own folder: the email templates (templates/*.txt, *.html
# named in catalog.json) are never listed from there.
PAGES = Pages(Path(__file__).parents[1] / "templates" / "staff")
LOG = "/staff/deliveries/"
MAX_FIELD = 200_000  # characters kept of one posted field (a template body is 100 000 at most)
# An email's HTML, shown inside a page's sandboxed frame as the recipient would see it (its
# inline styles), and nothing more: no script, nothing loaded from elsewhere, no form, framed
# by this site's pages only.
FRAMED_EMAIL_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                                "base-uri 'none'; form-action 'none'; sandbox; "
                                "frame-ancestors 'self'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def parsed_id(raw: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(raw)
    except ValueError:
        return None


def staff_only(request: Request) -> Principal | Response:
    """Staff, or the page that refuses (401 no token or a bad one, 403 another role)."""
    return page_access(request, PAGES, Role.STAFF)


def opened(request: Request, raw_id: str) -> tuple[Principal, uuid.UUID] | Response:
    """Staff and a well-formed id, or the page that refuses (401/403) or finds nothing."""
    who = staff_only(request)
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


def framed_email(html: str) -> Response:
    return HTMLResponse(html, headers=FRAMED_EMAIL_HEADERS)


def see_other(url: str) -> Response:
    return RedirectResponse(url, 303, headers={"Cache-Control": "no-store"})
