"""Booking a desk, for members behind the front door (solos only, each as themself):

GET  /members/book                    the places in a list and on a map of the Gers
GET  /members/book/{id}?week=2026-W50  the place's free desks and rooms, day by day, each
                                      free slot a one-button form
POST /members/book/{id}               book that slot: the same use case as POST /api/bookings

Booked: 303 to /members/bookings saying so. The slot taken meanwhile (the exclusion
constraint's refusal): 409, nothing booked, the next free desk at that time offered as a
one-button form. Another rule broken (quota, closure, in the past): 422 saying why."""

from collections import Counter
from datetime import date, datetime, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from shared.http.deps import DbPool
from shared.reference.calendar import PARIS
from shared.web.access import not_found_page
from shared.web.gers_map import gers_map
from shared.web.language import page_language

from ..adapters.booking_attempts import attempt_allowed
from ..domain.availability import choices
from ..domain.modes import BookingMode
from ..domain.occupancy import iso_week, monday_of, parse_iso_week
from ..use_cases import booking as booking_cases
from ..use_cases import catalogue
from ..use_cases.errors import Conflict, Forbidden, NotFound, RuleBroken, UnknownReference
from . import week_words
from .member_pages import PAGES, TEXTS, kind_name, message_page, now, parsed_id, slot_words, solo
from .staff_pages import form_fields
from .telecentre_texts import KINDS, named
from .typed_values import instant, spread

router = APIRouter(prefix="/members", tags=["members' pages: booking"], include_in_schema=False)
KIND_ORDER = ("hot_desk", "private_office", "meeting_room")


def _today(request: Request) -> date:
    return now(request).astimezone(PARIS).date()


def _resources(desks, lang: str) -> str:
    """"4 × Poste de travail, 1 × Salle de réunion": the active resources by kind."""
    counts = Counter(d["kind"] for d in desks if d["active"])
    return ", ".join(f"{counts[k]} × {kind_name(k, lang)}" for k in KIND_ORDER if counts[k])


@router.get("/book", response_class=HTMLResponse)
async def places(request: Request, pool: DbPool) -> Response:
    """Every telecentre and coworking space (ten or so: all on one map, so not paged)."""
    who = solo(request)
    if isinstance(who, Response):
        return who
    lang = page_language(request)
    rows = await catalogue.telecentres(pool, _today(request), days_ahead=0)
    drawn = gers_map([p["insee_code"] for p in rows])
    numbered = {m.insee_code: m for m in drawn.markers}
    return PAGES.render(request, "member_book.html", principal=who, texts=TEXTS,
                        places=rows, map=drawn, on_map=numbered,
                        resources=lambda desks: _resources(desks, lang),
                        kind=lambda code: named(KINDS, code, lang))


async def _week_page(request: Request, pool, who, place_id, monday: date, *,
                     status_code: int = 200, errors=None, typed_week: str | None = None):
    lang, today = page_language(request), _today(request)
    try:
        [place] = await catalogue.telecentres(pool, today, place_id, days_ahead=0)
        days = await catalogue.availability_days(pool, place_id, monday, 7, now(request))
    except NotFound:
        return not_found_page(request, PAGES, who)
    settings = request.app.state.settings
    return PAGES.render(
        request, "member_week.html", principal=who, texts=TEXTS, status_code=status_code,
        place=place, days=days, monday=monday, errors=errors or [],
        week_value=typed_week if typed_week is not None else iso_week(monday),
        this_week=iso_week(monday_of(today)),
        previous_week=iso_week(monday - timedelta(days=7)),
        next_week=iso_week(monday + timedelta(days=7)),
        week_range=week_words.week_range(monday, lang),
        short_day=lambda day: week_words.short_day(day, lang),
        quota=f"{settings.weekly_quota_hours:g}", days_ahead=settings.max_days_ahead,
        slot=lambda s, e, mode: slot_words(s, e, lang, mode),
        choices=lambda mode, slots: choices(BookingMode(mode), slots),
        kind=lambda code: kind_name(code, lang), kind_place=lambda code: named(KINDS, code, lang),
        current_menu_href="/members/book", at=now(request))


@router.get("/book/{telecentre_id}", response_class=HTMLResponse)
async def week(telecentre_id: str, request: Request, pool: DbPool,
               week: str | None = None) -> Response:
    """The place's week: its free slots per day (a form per day, a button per slot). A `week` that is no ISO week: 422, this
    week shown, the field named with what was typed."""
    who = solo(request)
    if isinstance(who, Response):
        return who
    place_id = parsed_id(telecentre_id)
    if place_id is None:
        return not_found_page(request, PAGES, who)
    this_monday = monday_of(_today(request))
    if week is None or not week.strip():
        return await _week_page(request, pool, who, place_id, this_monday)
    monday = parse_iso_week(week[:40])
    if monday is None:
        message = TEXTS[page_language(request)]["bad_week"].format(value=week[:40])
        return await _week_page(request, pool, who, place_id, this_monday, status_code=422,
                                errors=[("week", message)], typed_week=week[:40])
    return await _week_page(request, pool, who, place_id, monday)



@router.post("/book/{telecentre_id}", response_class=HTMLResponse)
async def book(telecentre_id: str, request: Request, pool: DbPool) -> Response:
    who = solo(request)
    if isinstance(who, Response):
        return who
    place_id = parsed_id(telecentre_id)
    if place_id is None:
        return not_found_page(request, PAGES, who)
    lang = page_language(request)
    t, fields = TEXTS[lang], await form_fields(request)
    # The week's buttons send their slot as one value ("desk start end"); the 409 page's
    # offer sends the three fields.
    fields = spread(fields, "slot", ("desk_id", "starts_at", "ends_at"))
    desk_id = parsed_id(fields.get("desk_id"))
    starts_at, ends_at = instant(fields.get("starts_at")), instant(fields.get("ends_at"))
    back = (f"/members/book/{place_id}?week={iso_week(starts_at.astimezone(PARIS).date())}"
            if starts_at else f"/members/book/{place_id}", t["back_to_week"])
    if desk_id is None or starts_at is None or ends_at is None:
        return message_page(request, who, 422, t["refused_title"],
                            [t["refused"].format(why=t["bad_form"])], back)
    settings = request.app.state.settings
    if not await attempt_allowed(request.app.state, who.member, settings.bookings_per_minute):
        return message_page(request, who, 429, t["refused_title"],
                            [t["refused"].format(why=t["too_many"])], back)
    try:
        row = await booking_cases.book(pool, booking_cases.policy_from(settings), who.member,
                                       desk_id, starts_at, ends_at, now(request))
    except Conflict:
        return await _taken(request, pool, who, place_id, desk_id, starts_at, ends_at, back)
    except (RuleBroken, UnknownReference) as refused:
        why = refused.message if lang == "en" else refused.message_fr
        return message_page(request, who, 422, t["refused_title"],
                            [t["refused"].format(why=why)], back)
    except Forbidden:
        return message_page(request, who, 403, t["refused_title"],
                            [t["refused"].format(why=t["not_member"])], back)
    return RedirectResponse(f"/members/bookings?done=booked&booking={row['id']}", 303,
                            headers={"Cache-Control": "no-store"})


async def _taken(request: Request, pool, who, place_id, desk_id, starts_at: datetime,
                 ends_at: datetime, back: tuple[str, str]) -> Response:
    """409: the slot was taken meanwhile; the next free desk at that time, if any."""
    lang = page_language(request)
    asked, offer = await catalogue.taken_and_next_free(pool, place_id, desk_id, starts_at,
                                                       ends_at, now(request))
    return PAGES.render(
        request, "member_taken.html", principal=who, texts=TEXTS, status_code=409,
        place_id=place_id, asked=asked, offer=offer,
        starts_at=starts_at, ends_at=ends_at, back=back,
        words=slot_words(starts_at, ends_at, lang, offer["booking_mode"] if offer else None),
        kind=lambda code: kind_name(code, lang), current_menu_href="/members/book")
