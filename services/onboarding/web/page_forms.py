"""What the onboarding staff pages share: opening a page (staff only, else the page that
refuses), reading a posted form without ever failing, and a posted form kept to show again."""

from dataclasses import dataclass, field
from pathlib import Path

from fastapi import Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from shared.auth import Principal, Role
from shared.web.access import page_access
from shared.web.pages import Pages

PAGES = Pages(Path(__file__).parent.parent / "templates")
MAX_FIELD = 2000  # characters of a posted field read (and typed back into the page)


@dataclass
class Posted:
    """One form as sent: which, what was typed, and what is wrong (field id, message)."""

    form: str
    values: dict[str, str]
    errors: list[tuple[str, str]] = field(default_factory=list)


def staff_only(request: Request) -> Principal | Response:
    return page_access(request, PAGES, Role.STAFF)


async def form_fields(request: Request) -> dict[str, str]:
    try:
        form = await request.form()
    except Exception:  # a body the parser refuses: an empty form, said field by field
        return {}
    return {key: value[:MAX_FIELD] for key, value in form.multi_items()
            if isinstance(value, str) and not isinstance(value, UploadFile)}


def counted(forms: dict, n: int | None) -> str:
    """The sentence for `n` from {0: ..., 1: ..., "many": "{n} ..."}."""
    n = n or 0
    return forms[n] if n in forms else forms["many"].format(n=n)
