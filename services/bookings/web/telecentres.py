"""The staff's telecentre pages behind the front door (staff only):

GET /staff/telecentres/                 every place (keyset-paged, `?after=<id>`): commune,
                                        desks and rooms, this week's occupancy
GET /staff/telecentres/{id}             one place: occupancy by week (`?week=2026-W49`), its
                                        opening hours, coming closures, desks and rooms, and
                                        the forms that change them (telecentre_edits.py)

The same use cases as the JSON API (catalogue.telecentres), and occupancy's read models;
a fixed number of queries per page."""

import uuid
from datetime import date, timedelta

import asyncpg
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from shared.auth import Principal, Role
from shared.reference.calendar import PARIS
from shared.http.deps import DbPool
from shared.web.access import not_found_page, page_access
from shared.web.formats import format_date
from shared.web.language import other_language, page_language

from ..domain.occupancy import iso_week, monday_of, parse_iso_week
from ..use_cases import catalogue, occupancy
from ..use_cases.errors import NotFound
from . import week_words
from .staff_pages import PAGES, now, opened, parsed_id
from .telecentre_forms import Posted
from .typed_values import clock_text
from .telecentre_texts import KINDS, MODES, RESOURCE_KINDS, TEXTS, bookings_that_day, named

router = APIRouter(prefix="/staff/telecentres", tags=["staff pages: telecentres"],
                   include_in_schema=False)
PAGE_SIZE = 25
CLOSURES_AHEAD = 366  # days of closures a place's page lists
DONE = {"hours": "done_hours", "reopened": "done_reopened", "desk": "done_desk",
        "desk_changed": "done_desk_changed"}


def today_of(request: Request) -> date:
    return now(request).astimezone(PARIS).date()


def words(lang: str) -> dict:
    """What the templates call to name things in the page's language."""
    return {"kind": lambda code: named(KINDS, code, lang),
            "resource_kind": lambda code: named(RESOURCE_KINDS, code, lang),
            "mode": lambda code: named(MODES, code, lang),
            "weekday": lambda n: week_words.weekday_name(n, lang),
            "week_range": lambda monday: week_words.week_range(monday, lang),
            "short_day": lambda day: week_words.short_day(day, lang)}


@router.get("/", response_class=HTMLResponse)
async def telecentres(request: Request, pool: DbPool, after: str | None = None) -> Response:
    """Every telecentre and coworking space, with this week's occupancy."""
    who = page_access(request, PAGES, Role.STAFF)
    if isinstance(who, Response):
        return who
    lang = page_language(request)
    monday = monday_of(today_of(request))
    cursor = parsed_id(after)
    rows, next_after = await occupancy.places_page(pool, monday, cursor, PAGE_SIZE)
    return PAGES.render(request, "staff_telecentres.html", principal=who, texts=TEXTS,
                        places=rows, next_after=next_after, paged=cursor is not None,
                        monday=monday, w=words(lang))


def _form_values(place: dict) -> dict[str, dict[str, str]]:
    """Each form as built from the place (what a POST's input replaces on a 409/422)."""
    hours = {f"{side}_{d}": "" for d in range(7) for side in ("opens", "closes")}
    for h in place["hours"]:
        hours[f"opens_{h['weekday']}"] = clock_text(h["opens"])
        hours[f"closes_{h['weekday']}"] = clock_text(h["closes"])
    forms = {"hours": hours, "closure": {"day": "", "reason": ""},
             "desk": {"kind": "", "name": "", "capacity": "1", "booking_mode": ""}}
    for desk in place["desks"]:
        forms[f"desk:{desk['id']}"] = {"name": desk["name"],
                                       "active": "true" if desk["active"] else ""}
    return forms


def _done_message(request: Request, lang: str) -> str | None:
    t, done = TEXTS[lang], request.query_params.get("done", "")
    if done in DONE:
        return t[DONE[done]]
    if done != "closure":
        return None
    day = request.query_params.get("day", "")
    try:
        shown = format_date(date.fromisoformat(day[:10]), lang)
    except ValueError:
        shown = ""
    message = t["done_closure"].format(day=shown).replace("  ", " ")
    count = request.query_params.get("bookings", "0")
    if count.isascii() and count.isdigit() and 0 < int(count) < 100_000:
        message += " " + bookings_that_day(lang, int(count))
    return message


async def place_page(request: Request, pool: asyncpg.Pool, who: Principal,
                     place_id: uuid.UUID, *, monday: date | None = None,
                     status_code: int = 200, posted: Posted | None = None,
                     problem: str | None = None,
                     errors: list[tuple[str, str]] | None = None,
                     typed_week: str | None = None) -> Response:
    """The place's page; after a refused form, with what was typed and why (422, 409)."""
    lang, today, more = page_language(request), today_of(request), {}
    this_monday = monday_of(today)
    monday = monday or this_monday
    try:
        [place] = await catalogue.telecentres(pool, today, place_id, days_ahead=CLOSURES_AHEAD)
        grid, weeks = await occupancy.place_weeks(pool, place_id, monday)
    except NotFound:
        return not_found_page(request, PAGES, who)
    forms = _form_values(place)
    if posted is not None:
        forms[posted.form] = posted.values
    errors = errors if errors is not None else (posted.errors if posted else [])
    if request.method == "POST":  # the language switch leads to the page, not the form's path
        more["switch_url"] = f"/staff/telecentres/{place_id}?lang={other_language(lang)}"
    return PAGES.render(
        request, "staff_telecentre.html", principal=who, texts=TEXTS, status_code=status_code,
        place=place, hours={h["weekday"]: h for h in place["hours"]}, grid=grid, weeks=weeks,
        monday=monday, this_monday=this_monday, iso_week=iso_week,
        previous_week=iso_week(monday - timedelta(days=7)),
        next_week=iso_week(monday + timedelta(days=7)),
        week_value=typed_week if typed_week is not None else iso_week(monday),
        forms=forms, posted=posted, problem=problem, errors=errors,
        by_field=dict(errors), done=None if posted or problem else _done_message(request, lang),
        clock_text=clock_text, w=words(lang), **more)


@router.get("/{telecentre_id}", response_class=HTMLResponse)
async def telecentre(telecentre_id: str, request: Request, pool: DbPool,
                     week: str | None = None) -> Response:
    """One place: occupancy by week, opening hours, closures, desks and rooms, and the
    forms that change them. A `week` that is no ISO week: 422, this week shown, the field
    named with what was typed."""
    found = opened(request, telecentre_id)
    if isinstance(found, Response):
        return found
    who, place_id = found
    if week is None or not week.strip():
        return await place_page(request, pool, who, place_id)
    monday = parse_iso_week(week[:40])
    if monday is None:
        message = TEXTS[page_language(request)]["field"]["week"].format(value=week[:40])
        return await place_page(request, pool, who, place_id, status_code=422,
                                errors=[("week", message)], typed_week=week[:40])
    return await place_page(request, pool, who, place_id, monday=monday)
