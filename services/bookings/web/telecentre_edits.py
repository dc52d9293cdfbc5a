"""The forms of a telecentre's page (staff only, CSRF-checked), each calling the same use
case as the JSON API's route beside it (api/places_admin.py):

POST /staff/telecentres/{id}/opening-hours       set the week          (set_week)
POST /staff/telecentres/{id}/closures            add a closure         (close_day)
POST /staff/telecentres/{id}/closures/remove     remove a closure      (reopen_day)
POST /staff/telecentres/{id}/desks               add a desk or room    (add_resource)
POST /staff/telecentres/{id}/desks/{desk_id}     rename, (de)activate  (change_resource)

Done: 303 back to the page, saying so. Bad input: 422, the page with the error summary
naming each field and what was typed. Each form carries what it was built from (the week,
the closure's reason, the desk's name and state): when the place changed meanwhile,
nothing is done and the page answers 409 with the place as it now stands and what was
typed. An unknown or malformed id: the 404 page."""

import uuid
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from shared.auth import Principal
from shared.http.deps import DbPool
from shared.web.access import not_found_page
from shared.web.language import page_language

from ..use_cases import places_admin
from ..use_cases.errors import Changed, Conflict, NotFound
from .staff_pages import PAGES, form_fields, opened, parsed_id
from .telecentre_forms import (Posted, read_closure, read_desk_change, read_hours,
                               read_new_desk, read_reopen)
from .telecentre_texts import TEXTS
from .telecentres import place_page, today_of

router = APIRouter(prefix="/staff/telecentres", tags=["staff pages: telecentres"],
                   include_in_schema=False)
ANCHORS = {"hours": "hours-title", "closure": "closures-title", "reopened": "closures-title",
           "desk": "desks-title", "desk_changed": "desks-title"}


def _done(place_id: uuid.UUID, done: str, **more: str) -> Response:
    query = urlencode({"done": done, **more})
    return RedirectResponse(f"/staff/telecentres/{place_id}?{query}#{ANCHORS[done]}", 303,
                            headers={"Cache-Control": "no-store"})


async def _refused(request: Request, pool, who: Principal, place_id: uuid.UUID,
                   posted: Posted, *, stale: bool = False) -> Response:
    """The page again: 409 when the place changed meanwhile, else 422 naming the fields."""
    if stale:
        return await place_page(request, pool, who, place_id, status_code=409, posted=posted,
                                problem="changed", errors=[])
    return await place_page(request, pool, who, place_id, status_code=422, posted=posted)


async def _opened_form(request: Request, telecentre_id: str):
    found = opened(request, telecentre_id)
    if isinstance(found, Response):
        return found
    return (*found, await form_fields(request))


@router.post("/{telecentre_id}/opening-hours", response_class=HTMLResponse)
async def set_opening_hours(telecentre_id: str, request: Request, pool: DbPool) -> Response:
    found = await _opened_form(request, telecentre_id)
    if isinstance(found, Response):
        return found
    who, place_id, fields = found
    posted = read_hours(fields, page_language(request))
    if posted.errors:
        return await _refused(request, pool, who, place_id, posted)
    try:
        if posted.stale:
            raise Changed("unreadable form")
        await places_admin.set_week(pool, place_id, posted.model, seen=posted.seen)
    except NotFound:
        return not_found_page(request, PAGES, who)
    except Changed:
        return await _refused(request, pool, who, place_id, posted, stale=True)
    return _done(place_id, "hours")


@router.post("/{telecentre_id}/closures", response_class=HTMLResponse)
async def add_closure(telecentre_id: str, request: Request, pool: DbPool) -> Response:
    found = await _opened_form(request, telecentre_id)
    if isinstance(found, Response):
        return found
    who, place_id, fields = found
    posted = read_closure(fields, page_language(request), today_of(request))
    if posted.errors:
        return await _refused(request, pool, who, place_id, posted)
    day, reason = posted.model
    try:
        count = await places_admin.close_day(pool, place_id, day, reason, replace=False)
    except NotFound:
        return not_found_page(request, PAGES, who)
    except Changed:  # someone closed that day meanwhile (the page did not list it)
        return await _refused(request, pool, who, place_id, posted, stale=True)
    return _done(place_id, "closure", day=day.isoformat(), bookings=str(count))


@router.post("/{telecentre_id}/closures/remove", response_class=HTMLResponse)
async def remove_closure(telecentre_id: str, request: Request, pool: DbPool) -> Response:
    found = await _opened_form(request, telecentre_id)
    if isinstance(found, Response):
        return found
    who, place_id, fields = found
    posted = read_reopen(fields)
    try:
        if posted.stale:
            raise Changed("unreadable form")
        await places_admin.reopen_day(pool, place_id, posted.model, seen_reason=posted.seen)
    except NotFound:
        # The place, or the closure: removed meanwhile is a change the person did not see.
        return await _refused(request, pool, who, place_id, posted, stale=True)
    except Changed:
        return await _refused(request, pool, who, place_id, posted, stale=True)
    return _done(place_id, "reopened")


@router.post("/{telecentre_id}/desks", response_class=HTMLResponse)
async def add_desk(telecentre_id: str, request: Request, pool: DbPool) -> Response:
    found = await _opened_form(request, telecentre_id)
    if isinstance(found, Response):
        return found
    who, place_id, fields = found
    lang = page_language(request)
    posted = read_new_desk(fields, lang)
    if posted.errors:
        return await _refused(request, pool, who, place_id, posted)
    model = posted.model
    try:
        await places_admin.add_resource(pool, place_id, model.kind, model.name, model.capacity,
                                        model.booking_mode)
    except NotFound:
        return not_found_page(request, PAGES, who)
    except Conflict:
        posted.errors = [("name", TEXTS[lang]["field"]["desk_name_taken"])]
        return await _refused(request, pool, who, place_id, posted)
    return _done(place_id, "desk")


@router.post("/{telecentre_id}/desks/{desk_id}", response_class=HTMLResponse)
async def change_desk(telecentre_id: str, desk_id: str, request: Request,
                      pool: DbPool) -> Response:
    found = await _opened_form(request, telecentre_id)
    if isinstance(found, Response):
        return found
    who, place_id, fields = found
    resource_id = parsed_id(desk_id)
    if resource_id is None:
        return not_found_page(request, PAGES, who)
    lang = page_language(request)
    posted = read_desk_change(resource_id, fields, lang)
    if posted.errors:
        return await _refused(request, pool, who, place_id, posted)
    try:
        if posted.stale:
            raise Changed("unreadable form")
        await places_admin.change_resource(pool, resource_id, posted.model.model_dump(),
                                           place_id=place_id, seen=posted.seen)
    except NotFound:
        return not_found_page(request, PAGES, who)
    except Changed:
        return await _refused(request, pool, who, place_id, posted, stale=True)
    except Conflict:
        posted.errors = [(f"name-{resource_id}", TEXTS[lang]["field"]["desk_name_taken"])]
        return await _refused(request, pool, who, place_id, posted)
    return _done(place_id, "desk_changed")
