"""A village committee's pages behind the front door: /committees/ leads to its village's
page, /committees/villages/{insee_code} shows who is expected there and who moved in, each
household with its "we have made contact" form (POST .../households/{case_id}/contact: a day
not in the future, else 422; a household the committee does not see: 404, nothing written);
/committees/villages/{insee_code}/page edits the village's public page in French and
English (preview, then publish at the revision the form was drawn at: 409 if someone
published meanwhile, the text kept; a text too long: 422 naming the field).
Committees only, each on its own village (another village: 403, before anything is read or
written). Identity checked the session; who calls is read from the token the front door
passed on, as the API reads it."""

import datetime
from pathlib import Path
from urllib.parse import urlencode

import asyncpg

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from shared.auth import Principal, Role
from shared.http.deps import DbPool
from shared.web.access import not_found_page, page_access, refused_page
from shared.web.language import asked_language, page_language
from shared.web.pages import Pages

from ..store import committee_pages
from ..use_cases import committee_page, public_villages
from ..use_cases.committee_page import village_for_committee
from ..use_cases.errors import InvalidInput, NotFound, RecordChanged
from . import dates
from .cases_common import actor, form_fields, parsed_id, today
from .public_texts import EDIT_TEXTS, FIELD_NAMES
from .public_texts import TEXTS as PUBLIC_TEXTS
from .texts import TEXTS, counted

PAGES = Pages(Path(__file__).parent.parent / "templates")

router = APIRouter(prefix="/committees", tags=["committees' pages"], include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
async def committee_home(request: Request) -> Response:
    """The committee's own village page (303)."""
    who = page_access(request, PAGES, Role.COMMITTEE)
    if isinstance(who, Response):
        return who
    lang = asked_language(request)
    query = f"?{urlencode({'lang': lang})}" if lang else ""
    return RedirectResponse(f"/committees/villages/{who.village}{query}", status_code=303,
                            headers={"Cache-Control": "no-store"})


@router.get("/villages/{insee_code}", response_class=HTMLResponse)
async def village_page(insee_code: str, request: Request, pool: DbPool,
                       done: str | None = None) -> Response:
    """The village's expected arrivals and installed households (its committee only;
    French, `?lang=en` English), each with "we have made contact"."""
    who = _own_village(request, insee_code)
    if isinstance(who, Response):
        return who
    return await _village_page(request, pool, who, insee_code, done=done)


# --- "we have made contact" -----------------------------------------------------------------

def _own_village(request: Request, insee_code: str) -> Principal | Response:
    """A committee on its own village, or the page that refuses (401/403)."""
    who = page_access(request, PAGES, Role.COMMITTEE)
    if isinstance(who, Response):
        return who
    if who.village != insee_code:
        return refused_page(request, PAGES, who)
    return who


async def _village_page(request: Request, pool: asyncpg.Pool, who: Principal, insee_code: str,
                        *, status_code: int = 200, errors=(), typed=None,
                        done: str | None = None) -> Response:
    village = await village_for_committee(pool, insee_code)
    if village is None:
        return not_found_page(request, PAGES, who)
    errors = list(errors)
    t = TEXTS[page_language(request)]
    return PAGES.render(request, "committee_village.html", principal=who, texts=TEXTS,
                        status_code=status_code, village=village, dates=dates,
                        counted=counted, today=today(), errors=errors,
                        by_field=dict(errors), typed=typed or {},
                        done=t["contact_recorded"] if done == "contact" else None)


@router.post("/villages/{insee_code}/households/{case_id}/contact",
             response_class=HTMLResponse)
async def contact_made(insee_code: str, case_id: str, request: Request,
                       pool: DbPool) -> Response:
    """"We have made contact" with this household, on `contacted_on` (not in the future).
    Another village's household, or none: the 404 page, nothing written."""
    who = _own_village(request, insee_code)
    if isinstance(who, Response):
        return who
    parsed = parsed_id(case_id)
    if parsed is None:
        return not_found_page(request, PAGES, who)
    raw = (await form_fields(request)).get("contacted_on", "").strip()
    t = TEXTS[page_language(request)]
    field_id = f"contact-{parsed}"
    try:
        day = datetime.date.fromisoformat(raw) if raw else today()
    except ValueError:
        day = None
    try:
        if day is None:
            raise InvalidInput("contacted_on", "not a date")
        await committee_page.record_contact(pool, insee_code, parsed, day, actor(who),
                                            today=today())
    except NotFound:
        return not_found_page(request, PAGES, who)
    except InvalidInput:
        message = t["errors"]["contact_invalid" if day is None else "contact_future"]
        return await _village_page(request, pool, who, insee_code, status_code=422,
                                   errors=[(field_id, message)], typed={field_id: raw})
    return RedirectResponse(f"/committees/villages/{insee_code}?done=contact"
                            f"{_lang_query(request, '&')}", status_code=303,
                            headers={"Cache-Control": "no-store"})


def _lang_query(request: Request, sep: str = "?") -> str:
    lang = asked_language(request)
    return f"{sep}{urlencode({'lang': lang})}" if lang else ""


# --- the village's public page ----------------------------------------------------------------

FIELDS = committee_pages.PAGE_FIELDS
COLUMNS = committee_pages.PAGE_COLUMNS


async def _editor(request: Request, pool: asyncpg.Pool, who: Principal, insee_code: str, *,
                  typed: dict[str, str] | None = None, revision: int | None = None,
                  preview: bool = False, errors=(), problem: bool = False,
                  done: bool = False, status_code: int = 200) -> Response:
    page = await committee_page.village_page(pool, insee_code)
    if page is None:
        return not_found_page(request, PAGES, who)
    facts = await public_villages.village_facts(pool, insee_code)
    lang = page_language(request)
    errors = list(errors)
    return PAGES.render(
        request, "committee_page_edit.html", principal=who, texts=EDIT_TEXTS,
        status_code=status_code, page=page, facts=facts,
        typed=typed if typed is not None else page.texts,
        revision=page.revision if revision is None else revision, preview=preview,
        errors=errors, by_field=dict(errors), problem=problem, done=done, dates=dates,
        counted=counted, public=PUBLIC_TEXTS, all_names=FIELD_NAMES, names=FIELD_NAMES[lang],
        fields=FIELDS,
        limits=committee_page.PAGE_LIMITS, published_by=page.published_by)


@router.get("/villages/{insee_code}/page", response_class=HTMLResponse)
async def page_editor(insee_code: str, request: Request, pool: DbPool,
                      done: str | None = None) -> Response:
    """The village's public page as published, to edit in French and English."""
    who = _own_village(request, insee_code)
    if isinstance(who, Response):
        return who
    return await _editor(request, pool, who, insee_code, done=done == "published")


@router.post("/villages/{insee_code}/page", response_class=HTMLResponse)
async def page_edited(insee_code: str, request: Request, pool: DbPool) -> Response:
    """`action=preview`: the page again with the public look of what was typed (nothing
    saved); `action=publish`: published if still at `revision` (else 409, the text kept);
    a text too long: 422 naming the field."""
    who = _own_village(request, insee_code)
    if isinstance(who, Response):
        return who
    fields = await form_fields(request)
    typed = {c: fields.get(c, "") for c in COLUMNS}
    try:
        revision = int(fields.get("revision", ""))
    except ValueError:
        revision = -1  # a form not drawn by this page: stale
    lang = page_language(request)
    e, names = EDIT_TEXTS[lang], FIELD_NAMES[lang]
    errors = [(column, e["too_long"].format(field=names[column.rsplit("_", 1)[0]],
                                            language=e["languages"][column[-2:]],
                                            n=limit))
              for column, limit in committee_page.check_page_texts(typed)]
    again = {"typed": typed, "revision": revision}
    if errors:
        return await _editor(request, pool, who, insee_code, errors=errors, status_code=422,
                             **again)
    if fields.get("action") != "publish":
        return await _editor(request, pool, who, insee_code, preview=True, **again)
    try:
        await committee_page.publish_page(pool, insee_code, typed, actor(who),
                                          revision=revision)
    except NotFound:
        return not_found_page(request, PAGES, who)
    except RecordChanged:
        return await _editor(request, pool, who, insee_code, problem=True, status_code=409,
                             typed=typed)
    return RedirectResponse(f"/committees/villages/{insee_code}/page?done=published"
                            f"{_lang_query(request, '&')}", status_code=303,
                            headers={"Cache-Control": "no-store"})
