"""The repeat booking and the waiting list on the members' pages (solos only, each as
themself; every form CSRF-checked, calling the same use cases as the JSON API):

POST /members/book/{id}/repeat            a free slot of the week, every week for N weeks
                                          (POST /api/bookings/repeat): 200, the dates booked
                                          and those not booked with why; bad input 422
                                          naming the field, what was typed kept
POST /members/waiting-list                join the line for any resource of a kind at a
                                          place for a slot (POST /api/waiting-list): 303 to
                                          my bookings; already in line or free now 409
POST /members/waiting-list/{id}/leave     leave it (DELETE /api/waiting-list/{id}): 303;
                                          unknown 404 page, another member's 403 page

The week view (member_week.html) shows the repeat form and, day by day, the slots where
every resource of a kind is taken with a button to join their waiting list; the 409 page
offers the waiting list too; my bookings lists my entries."""

from datetime import datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from shared.http.deps import DbPool
from shared.reference.calendar import PARIS
from shared.web.access import not_found_page
from shared.web.language import page_language

from ..adapters.booking_attempts import attempt_allowed
from ..domain.modes import BookingMode, day_slots
from ..domain.occupancy import iso_week
from ..use_cases import booking as booking_cases
from ..use_cases import repeat_booking, waiting_list
from ..use_cases.errors import Conflict, Forbidden, NotFound, RuleBroken, UnknownReference
from .member_pages import PAGES, TEXTS, message_page, now, parsed_id, slot_words, solo
from .staff_pages import form_fields
from .typed_values import instant, spread
from .waiting_texts import TEXTS as WAITING_TEXTS

router = APIRouter(prefix="/members", tags=["members' pages: repeat and waiting list"],
                   include_in_schema=False)
KIND_ORDER = ("hot_desk", "private_office", "meeting_room")


def full_slots(day: dict, at: datetime) -> list[tuple[str, datetime, datetime]]:
    """(kind, start, end) of one day of the week view where every resource of that kind is
    taken (and the slot still to come): what a member may wait for."""
    if day["opening"] is None or day["closed_reason"]:
        return []
    found = []
    for kind in KIND_ORDER:
        desks = [(d, free) for d, free in day["desks"] if d["kind"] == kind]
        free = {slot for _, slots in desks for slot in slots}
        wanted = sorted({slot for d, _ in desks
                         for slot in day_slots(BookingMode(d["booking_mode"]), *day["opening"])
                         if slot[0] >= at})
        found += [(kind, s, e) for s, e in wanted if (s, e) not in free]
    return found


# What the week view's and the 409 page's includes read (the includes keep the edits to
# those shared templates to one line each).
PAGES.env.globals.update(waiting_texts=WAITING_TEXTS, full_slots=full_slots)




@router.post("/book/{telecentre_id}/repeat", response_class=HTMLResponse)
async def repeat(telecentre_id: str, request: Request, pool: DbPool) -> Response:
    who = solo(request)
    if isinstance(who, Response):
        return who
    place_id = parsed_id(telecentre_id)
    if place_id is None:
        return not_found_page(request, PAGES, who)
    lang = page_language(request)
    t = WAITING_TEXTS[lang]
    fields = spread(await form_fields(request), "slot", ("desk_id", "starts_at", "ends_at"))
    desk_id = parsed_id(fields.get("desk_id"))
    starts_at, ends_at = instant(fields.get("starts_at")), instant(fields.get("ends_at"))
    typed_weeks = fields.get("weeks", "")[:40]
    weeks = int(typed_weeks) if typed_weeks.strip().isdigit() else None
    errors = []
    if desk_id is None or starts_at is None or ends_at is None:
        errors.append(("slot", t["bad_slot"]))
    if weeks is None or not repeat_booking.MIN_WEEKS <= weeks <= repeat_booking.MAX_WEEKS:
        errors.append(("weeks", t["bad_weeks"].format(value=typed_weeks)))
    week = iso_week(starts_at.astimezone(PARIS).date()) if starts_at else None
    back = f"/members/book/{place_id}" + (f"?week={week}" if week else "")
    context = dict(principal=who, texts=TEXTS, rt=t, place_id=place_id, back=back,
                   typed_weeks=typed_weeks, slot_value=fields.get("slot", "")[:200],
                   current_menu_href="/members/book",
                   words=slot_words(starts_at, ends_at, lang) if desk_id and starts_at
                   and ends_at else None)
    if errors:
        return PAGES.render(request, "member_repeat.html", status_code=422, errors=errors,
                            **context)
    settings = request.app.state.settings
    if not await attempt_allowed(request.app.state, who.member, settings.bookings_per_minute):
        return message_page(request, who, 429, t["repeat_title"],
                            [TEXTS[lang]["too_many"]], (back, t["back_to_week"]))
    try:
        done = await repeat_booking.book_weekly(pool, booking_cases.policy_from(settings),
                                                who.member, desk_id, starts_at, ends_at,
                                                weeks, now(request))
    except UnknownReference:
        return PAGES.render(request, "member_repeat.html", status_code=422,
                            errors=[("slot", t["unknown_desk"])], **context)
    except Forbidden:
        return message_page(request, who, 403, t["repeat_title"],
                            [TEXTS[lang]["refused"].format(why=TEXTS[lang]["not_member"])],
                            (back, t["back_to_week"]))
    made = next((o.booking for o in done if o.booking), None)
    return PAGES.render(
        request, "member_repeat.html", errors=[], done=done, desk_name=_desk_name(done),
        booked=[o for o in done if o.booking], not_booked=[o for o in done if not o.booking],
        when=lambda o: slot_words(o.starts_at, o.ends_at, lang),
        place_name=made["place_name"] if made else None, **context)


def _desk_name(done) -> str:
    return next((o.booking["resource_name"] for o in done if o.booking), "")


def _done(done: str) -> Response:
    return RedirectResponse(f"/members/bookings?done={done}#waiting-list", 303,
                            headers={"Cache-Control": "no-store"})


@router.post("/waiting-list", response_class=HTMLResponse)
async def join(request: Request, pool: DbPool) -> Response:
    who = solo(request)
    if isinstance(who, Response):
        return who
    lang = page_language(request)
    t = WAITING_TEXTS[lang]
    fields = spread(await form_fields(request), "wait", ("kind", "starts_at", "ends_at"))
    place_id = parsed_id(fields.get("telecentre_id"))
    kind = fields.get("kind", "")
    starts_at, ends_at = instant(fields.get("starts_at")), instant(fields.get("ends_at"))
    back = (f"/members/book/{place_id}" if place_id else "/members/book",
            t["back_to_week"])
    if (place_id is None or kind not in waiting_list.KINDS or starts_at is None
            or ends_at is None):
        return message_page(request, who, 422, t["wait_refused_title"], [t["bad_form"]], back)
    back = (f"{back[0]}?week={iso_week(starts_at.astimezone(PARIS).date())}", back[1])
    settings = request.app.state.settings
    try:
        await waiting_list.join(pool, booking_cases.policy_from(settings), who.member,
                                place_id, kind, starts_at, ends_at, now(request))
    except Conflict as refused:
        why = refused.message if lang == "en" else refused.message_fr
        return message_page(request, who, 409, t["wait_refused_title"], [why], back)
    except (RuleBroken, UnknownReference) as refused:
        why = refused.message if lang == "en" else refused.message_fr
        return message_page(request, who, 422, t["wait_refused_title"], [why], back)
    except Forbidden:
        return message_page(request, who, 403, t["wait_refused_title"],
                            [TEXTS[lang]["not_member"]], back)
    return _done("waiting")


@router.post("/waiting-list/{entry_id}/leave", response_class=HTMLResponse)
async def leave(entry_id: str, request: Request, pool: DbPool) -> Response:
    who = solo(request)
    if isinstance(who, Response):
        return who
    found = parsed_id(entry_id)
    if found is None:
        return not_found_page(request, PAGES, who)
    t = WAITING_TEXTS[page_language(request)]
    try:
        await waiting_list.leave(pool, found, who.member)
    except NotFound:
        return not_found_page(request, PAGES, who)
    except Forbidden:
        return message_page(request, who, 403, t["leave_refused_title"], [t["not_yours"]],
                            ("/members/bookings", TEXTS[page_language(request)]["bookings_title"]))
    return _done("left")
