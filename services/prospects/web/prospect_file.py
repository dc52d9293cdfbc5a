"""The staff's prospect file, /staff/prospects/{id}: who the person is, their project, their
consent, the timeline, and the actions (note, follow-up, stage, qualification, export,
erasure), each a form that works without JavaScript and calls the same use case as the
JSON API.

Every form carries the revision of the prospect it was built from: if someone changed the
record meanwhile, nothing is done and the page answers 409 with the file as it now stands
and what the person typed (the use case checks it under the row's lock). Staff only; an
unknown or malformed id is the 404 page, an erased person a page that says only that."""

import uuid
from collections.abc import Awaitable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar
import asyncpg
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from shared.auth import Principal, Role
from shared.http.deps import DbPool
from shared.web.access import not_found_page, page_access
from shared.web.formats import plural
from shared.web.language import page_language
from shared.web.pages import Pages

from ..domain.pipeline import Qualification, StageConflict
from ..domain.reference import communes_alphabetically
from ..use_cases import erasure, pipeline, reading
from ..use_cases.errors import ProspectErased, ProspectNotFound, RecordChanged
from .prospect_file_forms import VILLAGE_FIELDS, Posted, read_form
from .prospect_file_texts import TEXTS, VIABILITIES, choices
from .prospect_file_view import export_view, file_view, village_name
from .wording import HORIZONS, SECTORS

PAGES = Pages(Path(__file__).parent.parent / "templates")
BOARD = "/staff/prospects/"
MAX_FIELD = 10_000

router = APIRouter(prefix="/staff/prospects", tags=["staff pages: the prospect file"],
                   include_in_schema=False)
DONE = {"note": "done_note", "assignee": "done_assignee", "stage": "done_stage",
        "qualify": "done_qualified"}
ANCHORS = {"note": "timeline", "assignee": "actions", "stage": "actions",
           "qualify": "qualification"}


T = TypeVar("T")


def _parsed(raw: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(raw)
    except ValueError:
        return None


def _actor(who: Principal) -> str:
    """Who the timeline says acted: the person's name (their token's subject is an account
    id, which nobody reading the file would recognise)."""
    return (who.name or who.sub)[:100]


async def _form_fields(request: Request) -> dict[str, str]:
    try:
        form = await request.form()
    except Exception:  # a body the parser refuses: an empty form, said field by field
        return {}
    return {key: value[:MAX_FIELD] for key, value in form.multi_items()
            if isinstance(value, str) and not isinstance(value, UploadFile)}


def _erased_page(request: Request, who: Principal) -> Response:
    t = TEXTS[page_language(request)]
    return PAGES.render(request, "message.html", principal=who, status_code=410,
                        title=t["erased_title"], paragraphs=[t["erased"]],
                        link={"href": BOARD, "label": t["back_board"]})


def _opened(request: Request, prospect_id: str) -> tuple[Principal, uuid.UUID] | Response:
    """Staff and a well-formed id, or the page that refuses (401/403) or finds nothing (404)."""
    who = page_access(request, PAGES, Role.STAFF)
    if isinstance(who, Response):
        return who
    parsed = _parsed(prospect_id)
    return (who, parsed) if parsed is not None else not_found_page(request, PAGES, who)


async def _read(request: Request, who: Principal,
                reading_the_record: Awaitable[T]) -> T | Response:
    """What was read of the person, or the page saying there is no such person (404) or
    that they were erased (410)."""
    try:
        return await reading_the_record
    except ProspectNotFound:
        return not_found_page(request, PAGES, who)
    except ProspectErased:
        return _erased_page(request, who)


def _form_values(view: dict) -> dict[str, dict[str, str]]:
    """Each form as built from the record (what a POST's input replaces on a 409/422)."""
    targets = [village_name(c) for c in (view["target_villages"] or view["desired_villages"])]
    return {
        "note": {"text": ""},
        "assignee": {"assigned_to": view["assigned_to"] or ""},
        "stage": {"stage": "", "reason": ""},
        "qualify": {"remote_work_viability": "",
                    "household_adults": str(view["household_adults"] or ""),
                    "household_children": str(view["household_children"]
                                              if view["household_children"] is not None
                                              else ""),
                    **{name: (targets[i] if i < len(targets) else "")
                       for i, name in enumerate(VILLAGE_FIELDS)},
                    "move_horizon": view["move_horizon"] or "",
                    "sector": view["sector"] or "", "notes": ""},
    }


async def _file_page(request: Request, pool: asyncpg.Pool, who: Principal,
                     prospect_id: uuid.UUID, *, status_code: int = 200,
                     posted: Posted | None = None, problem: str | None = None,
                     done: str | None = None) -> Response:
    lang = page_language(request)
    detail = await _read(request, who, reading.prospect_detail(pool, prospect_id))
    if isinstance(detail, Response):
        return detail
    view = file_view(detail, lang)
    forms = _form_values(view)
    if posted is not None:
        forms[posted.form] = posted.values
    return PAGES.render(
        request, "prospect_file.html", principal=who, texts=TEXTS, status_code=status_code,
        p=view, forms=forms, posted=posted, problem=problem,
        errors=posted.errors if posted else [], by_field=dict(posted.errors) if posted else {},
        done=TEXTS[lang].get(DONE.get(done or "", ""), None), me=_actor(who),
        viabilities=choices(VIABILITIES, lang), horizons=choices(HORIZONS, lang),
        sectors=choices(SECTORS, lang), communes=communes_alphabetically(),
        village_fields=VILLAGE_FIELDS)


@router.get("/{prospect_id}", response_class=HTMLResponse)
async def prospect_file(prospect_id: str, request: Request, pool: DbPool,
                        done: str | None = None) -> Response:
    """The prospect's file (French; `?lang=en` English)."""
    opened = _opened(request, prospect_id)
    if isinstance(opened, Response):
        return opened
    who, parsed = opened
    return await _file_page(request, pool, who, parsed, done=done)


async def _act(form: str, pool: asyncpg.Pool, prospect_id: uuid.UUID, posted: Posted,
               actor: str) -> None:
    """The use case each form calls (the same as the JSON API's), at the form's revision."""
    now, model, revision = datetime.now(UTC), posted.model, posted.revision
    if form == "note":
        await pipeline.add_note(pool, prospect_id, model.text, actor, now, revision=revision)
    elif form == "assignee":
        await pipeline.assign(pool, prospect_id, model.assigned_to, actor, now,
                              revision=revision)
    elif form == "stage":
        await pipeline.change_stage(pool, prospect_id, model.stage, model.reason, actor, now,
                                    revision=revision)
    else:
        await pipeline.qualify(pool, prospect_id, Qualification(**model.model_dump()), actor,
                               now, revision=revision)


@router.get("/{prospect_id}/export.json")
async def export_json(prospect_id: str, request: Request, pool: DbPool) -> Response:
    """Everything held about the person, as the API's export (a download)."""
    opened = _opened(request, prospect_id)
    if isinstance(opened, Response):
        return opened
    who, parsed = opened
    export = await _read(request, who, reading.prospect_export(pool, parsed, datetime.now(UTC)))
    if isinstance(export, Response):
        return export
    return JSONResponse(export.model_dump(mode="json"), headers={
        "Content-Disposition": f'attachment; filename="prospect-{parsed}.json"',
        "Cache-Control": "no-store"})


@router.get("/{prospect_id}/export", response_class=HTMLResponse)
async def export_page(prospect_id: str, request: Request, pool: DbPool) -> Response:
    """Everything held about the person, as a page to read or print."""
    opened = _opened(request, prospect_id)
    if isinstance(opened, Response):
        return opened
    who, parsed = opened
    export = await _read(request, who, reading.prospect_export(pool, parsed, datetime.now(UTC)))
    if isinstance(export, Response):
        return export
    return PAGES.render(request, "prospect_export.html", principal=who, texts=TEXTS,
                        p=export_view(export, page_language(request)),
                        exported_at=export.exported_at)


async def _erase_page(request: Request, pool: asyncpg.Pool, who: Principal,
                      prospect_id: uuid.UUID, *, status_code: int = 200,
                      problem: str | None = None) -> Response:
    detail = await _read(request, who, reading.prospect_detail(pool, prospect_id))
    if isinstance(detail, Response):
        return detail
    notes = sum(1 for e in detail["timeline"]
                if e["kind"] == "note" or "reason" in e["details"])
    return PAGES.render(request, "prospect_erase.html", principal=who, texts=TEXTS,
                        status_code=status_code, p=file_view(detail, page_language(request)),
                        notes=notes, consents=len(detail["contacts"]), problem=problem,
                        plural=plural)


@router.get("/{prospect_id}/erase", response_class=HTMLResponse)
async def confirm_erasure(prospect_id: str, request: Request, pool: DbPool) -> Response:
    """What erasing the person deletes, and the button that does it."""
    opened = _opened(request, prospect_id)
    if isinstance(opened, Response):
        return opened
    who, parsed = opened
    return await _erase_page(request, pool, who, parsed)


@router.post("/{prospect_id}/erase", response_class=HTMLResponse)
async def erase(prospect_id: str, request: Request, pool: DbPool) -> Response:
    """Erase the person (the API's use case: anonymised here, prospect.erased published for
    the other services); then the file says only that a person was erased."""
    opened = _opened(request, prospect_id)
    if isinstance(opened, Response):
        return opened
    who, parsed = opened
    fields = await _form_fields(request)
    try:
        await erasure.erase(pool, parsed, _actor(who), datetime.now(UTC),
                            revision=fields.get("revision", "")[:100])
    except ProspectNotFound:
        return not_found_page(request, PAGES, who)
    except RecordChanged:
        return await _erase_page(request, pool, who, parsed, status_code=409,
                                 problem="changed")
    return RedirectResponse(f"/staff/prospects/{parsed}", 303,
                            headers={"Cache-Control": "no-store"})


# Last: /{prospect_id}/erase above is a route of its own.
@router.post("/{prospect_id}/{form}", response_class=HTMLResponse)
async def act_on_prospect(prospect_id: str, form: str, request: Request,
                          pool: DbPool) -> Response:
    """Add a note, set the follow-up, change the stage or qualify; then back to the file
    (303), or the file again with the problem (422 a field, 409 changed meanwhile)."""
    opened = _opened(request, prospect_id)
    if isinstance(opened, Response):
        return opened
    who, parsed = opened
    if form not in DONE:
        return not_found_page(request, PAGES, who)
    posted = read_form(form, await _form_fields(request), page_language(request))
    if posted.errors:
        return await _file_page(request, pool, who, parsed, status_code=422, posted=posted)
    try:
        await _act(form, pool, parsed, posted, _actor(who))
    except ProspectNotFound:
        return not_found_page(request, PAGES, who)
    except ProspectErased:
        return _erased_page(request, who)
    except RecordChanged:
        return await _file_page(request, pool, who, parsed, status_code=409, posted=posted,
                                problem="changed")
    except (StageConflict, ValueError, asyncpg.UniqueViolationError):
        # The stage no longer allows it (or a concurrent twin qualified first).
        return await _file_page(request, pool, who, parsed, status_code=409, posted=posted,
                                problem="conflict_qualified" if form == "qualify"
                                else "conflict_stage")
    return RedirectResponse(f"/staff/prospects/{parsed}?done={form}#{ANCHORS[form]}", 303,
                            headers={"Cache-Control": "no-store"})
