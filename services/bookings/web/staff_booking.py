"""Staff booking a desk on behalf of a member, behind the front door (staff only; every form
CSRF-checked). The member may have no account yet: bookings knows them by the member_id of
solo.installed.

GET  /staff/bookings/members/{m}/book                  the places to choose from
GET  /staff/bookings/members/{m}/book/{place}?week=     the place's week of free slots (the
                                                       members' week view's data), a button
                                                       per slot
POST /staff/bookings/members/{m}/book/{place}          book it for the member: the use case of
                                                       POST /api/members/{m}/bookings
POST /staff/bookings/members/{m}/bookings/{b}/cancel   cancel the member's booking (as
                                                       DELETE /api/bookings/{b} by staff)

Booked: 303 to the member's bookings saying so; desk.booked goes out through the outbox, so
the member gets the confirmation email. The slot taken meanwhile: 409, nothing booked, the
next free desk at that time offered as a one-button form. Another rule broken: 422 saying
why. An unknown (or malformed) member, place or booking: the 404 page."""

import uuid
from datetime import date, datetime, timedelta

from collections import Counter

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from shared.auth import Principal
from shared.http.deps import DbPool
from shared.reference.calendar import PARIS
from shared.web.access import not_found_page
from shared.web.language import page_language

from ..adapters.booking_attempts import attempt_allowed
from ..domain.availability import choices
from ..domain.modes import BookingMode
from ..domain.occupancy import iso_week, monday_of, parse_iso_week
from ..use_cases import booking as booking_cases
from ..use_cases import catalogue, staff_booking
from ..use_cases.errors import Conflict, NotFound, RuleBroken, UnknownReference
from . import week_words
from .booking_texts import TEXTS as BOOKING_TEXTS
from .member_pages import kind_name, slot_words
from .staff_booking_texts import TEXTS as OWN_TEXTS
from .staff_pages import PAGES, form_fields, now, opened, parsed_id
from .telecentre_texts import KINDS, named
from .typed_values import instant, spread

router = APIRouter(prefix="/staff/bookings/members", tags=["staff pages: booking for a member"],
                   include_in_schema=False)
# The members' week words, and this page's own over them.
TEXTS = {lang: {**BOOKING_TEXTS[lang], **OWN_TEXTS[lang]} for lang in OWN_TEXTS}
KIND_ORDER = ("hot_desk", "private_office", "meeting_room")
MENU = "/staff/members/"  # the staff menu's "Members": where staff come from


def _resources(desks, lang: str) -> str:
    """"4 × Poste de travail, 1 × Salle de réunion": the active resources by kind."""
    counts = Counter(d["kind"] for d in desks if d["active"])
    return ", ".join(f"{counts[k]} × {kind_name(k, lang)}" for k in KIND_ORDER if counts[k])


def _base(member_id: uuid.UUID) -> str:
    return f"/staff/bookings/members/{member_id}"


def _today(request: Request) -> date:
    return now(request).astimezone(PARIS).date()


def _message(request: Request, who: Principal, status_code: int, title: str, why: str,
             link: tuple[str, str]) -> Response:
    return PAGES.render(request, "message.html", principal=who, status_code=status_code,
                        title=title, paragraphs=[why], link={"href": link[0], "label": link[1]})


async def _member(request: Request, pool, raw_member: str):
    """(staff, member record) or the page refusing (401/403) or finding nothing (404)."""
    found = opened(request, raw_member)
    if isinstance(found, Response):
        return found
    who, member_id = found
    try:
        return who, await staff_booking.member(pool, member_id)
    except NotFound:
        return not_found_page(request, PAGES, who)


@router.get("/{member_id}/book", response_class=HTMLResponse)
async def places(member_id: str, request: Request, pool: DbPool) -> Response:
    """The places (ten or so, not paged), each leading to its week for this member."""
    found = await _member(request, pool, member_id)
    if isinstance(found, Response):
        return found
    who, member = found
    lang = page_language(request)
    rows = await catalogue.telecentres(pool, _today(request), days_ahead=0)
    return PAGES.render(request, "staff_book_places.html", principal=who, texts=TEXTS,
                        member=member, base=_base(member["member_id"]), places=rows,
                        resources=lambda desks: _resources(desks, lang),
                        kind=lambda code: named(KINDS, code, lang), current_menu_href=MENU)


async def _week_page(request: Request, pool, who, member, place_id, monday: date, *,
                     status_code: int = 200, errors=None, typed_week: str | None = None):
    lang, today = page_language(request), _today(request)
    try:
        [place] = await catalogue.telecentres(pool, today, place_id, days_ahead=0)
        days = await catalogue.availability_days(pool, place_id, monday, 7, now(request))
    except NotFound:
        return not_found_page(request, PAGES, who)
    settings = request.app.state.settings
    return PAGES.render(
        request, "staff_book_week.html", principal=who, texts=TEXTS, status_code=status_code,
        member=member, base=_base(member["member_id"]), place=place, days=days, monday=monday,
        errors=errors or [],
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
        current_menu_href=MENU)


@router.get("/{member_id}/book/{telecentre_id}", response_class=HTMLResponse)
async def week(member_id: str, telecentre_id: str, request: Request, pool: DbPool,
               week: str | None = None) -> Response:
    """The place's week of free slots for this member; a `week` that is no ISO week: 422,
    this week shown, the field named with what was typed."""
    found = await _member(request, pool, member_id)
    if isinstance(found, Response):
        return found
    who, member = found
    place_id = parsed_id(telecentre_id)
    if place_id is None:
        return not_found_page(request, PAGES, who)
    this_monday = monday_of(_today(request))
    if week is None or not week.strip():
        return await _week_page(request, pool, who, member, place_id, this_monday)
    monday = parse_iso_week(week[:40])
    if monday is None:
        message = TEXTS[page_language(request)]["bad_week"].format(value=week[:40])
        return await _week_page(request, pool, who, member, place_id, this_monday,
                                status_code=422, errors=[("week", message)],
                                typed_week=week[:40])
    return await _week_page(request, pool, who, member, place_id, monday)



@router.post("/{member_id}/book/{telecentre_id}", response_class=HTMLResponse)
async def book(member_id: str, telecentre_id: str, request: Request, pool: DbPool) -> Response:
    found = await _member(request, pool, member_id)
    if isinstance(found, Response):
        return found
    who, member = found
    place_id, member_id = parsed_id(telecentre_id), member["member_id"]
    if place_id is None:
        return not_found_page(request, PAGES, who)
    lang = page_language(request)
    t, fields = TEXTS[lang], await form_fields(request)
    # A slot's button sends "desk start end"; the 409 page's offer sends the three fields.
    fields = spread(fields, "slot", ("desk_id", "starts_at", "ends_at"))
    desk_id = parsed_id(fields.get("desk_id"))
    starts_at, ends_at = instant(fields.get("starts_at")), instant(fields.get("ends_at"))
    week_of = f"?week={iso_week(starts_at.astimezone(PARIS).date())}" if starts_at else ""
    back = (f"{_base(member_id)}/book/{place_id}{week_of}", t["back_to_week"])
    if desk_id is None or starts_at is None or ends_at is None:
        return _message(request, who, 422, t["refused_title"],
                        t["refused"].format(why=t["bad_form"]), back)
    settings = request.app.state.settings
    if not await attempt_allowed(request.app.state, member_id, settings.bookings_per_minute):
        return _message(request, who, 429, t["refused_title"],
                        t["refused"].format(why=t["too_many"]), back)
    try:
        row = await staff_booking.book_for_member(
            pool, booking_cases.policy_from(settings), member_id, desk_id, starts_at, ends_at,
            now(request), staff=who.sub, place_id=place_id)
    except Conflict:
        return await _taken(request, pool, who, member, place_id, desk_id, starts_at,
                            ends_at, back)
    except (RuleBroken, UnknownReference) as refused:
        why = refused.message if lang == "en" else refused.message_fr
        return _message(request, who, 422, t["refused_title"], t["refused"].format(why=why),
                        back)
    except NotFound:  # the place unknown, or the member erased meanwhile
        return not_found_page(request, PAGES, who)
    return RedirectResponse(f"{_base(member_id)}?done=booked&booking={row['id']}", 303,
                            headers={"Cache-Control": "no-store"})


async def _taken(request: Request, pool, who, member, place_id, desk_id, starts_at: datetime,
                 ends_at: datetime, back: tuple[str, str]) -> Response:
    """409: the slot was taken meanwhile; the next free desk at that time, if any."""
    lang = page_language(request)
    asked, offer = await catalogue.taken_and_next_free(pool, place_id, desk_id, starts_at,
                                                       ends_at, now(request))
    return PAGES.render(
        request, "staff_book_taken.html", principal=who, texts=TEXTS, status_code=409,
        action=f"{_base(member['member_id'])}/book/{place_id}", member=member,
        asked=asked, offer=offer,
        starts_at=starts_at, ends_at=ends_at, back=back,
        words=slot_words(starts_at, ends_at, lang, offer["booking_mode"] if offer else None),
        kind=lambda code: kind_name(code, lang), current_menu_href=MENU)


@router.post("/{member_id}/bookings/{booking_id}/cancel", response_class=HTMLResponse)
async def cancel(member_id: str, booking_id: str, request: Request, pool: DbPool) -> Response:
    """Cancel one of the member's bookings (the member is told by booking.cancelled)."""
    found = opened(request, member_id)
    if isinstance(found, Response):
        return found
    who, member = found
    booking = parsed_id(booking_id)
    if booking is None:
        return not_found_page(request, PAGES, who)
    t = TEXTS[page_language(request)]
    try:
        await staff_booking.cancel_for_member(pool, member, booking, now(request))
    except NotFound:
        return not_found_page(request, PAGES, who)
    except Conflict as refused:
        why = refused.message if page_language(request) == "en" else refused.message_fr
        return _message(request, who, 409, t["action_refused_title"],
                        t["cancel_refused"].format(why=why), (_base(member), t["back_to_member"]))
    return RedirectResponse(f"{_base(member)}?done=cancelled", 303,
                            headers={"Cache-Control": "no-store"})


def notice(request: Request, shown: dict | None, lang: str) -> str | None:
    """What the member's bookings page says after a booking or a cancellation made here."""
    t, done = TEXTS[lang], request.query_params.get("done", "")
    if done == "cancelled":
        return t["done_cancelled"]
    if done != "booked":
        return None
    made = parsed_id(request.query_params.get("booking"))
    row = next((b for b in (shown or {}).get("coming", []) if b["id"] == made), None)
    if row is None:
        return t["done_booked_short"]
    words = slot_words(row["starts_at"], row["ends_at"], lang)
    return t["done_booked"].format(desk=row["resource_name"], place=row["place_name"],
                                   day=words["day"], hours=words["hours"])
