"""A member's own bookings behind the front door (solos only, each as themself):

GET  /members/bookings                    coming (soonest first) and past (latest first),
                                          each keyset-paged (`?coming_after=`, `?past_after=`),
                                          and the private calendar feed
POST /members/bookings/{id}/cancel        the same use case as DELETE /api/bookings/{id}
POST /members/bookings/{id}/check-in      the same use case as POST /api/bookings/{id}/check-in
POST /members/calendar-feed               a new feed address (POST /api/me/calendar-feed)

Done: 303 back to the list saying so. Another member's booking, an unknown or malformed
id: the 404 page. A booking that can no longer change: 409; check-in outside its window:
422, saying why."""

from datetime import timedelta

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from shared.http.deps import DbPool
from shared.web.access import not_found_page
from shared.web.language import page_language

from ..domain.lifecycle import Status, check_in_violation
from ..use_cases import booking as booking_cases
from ..use_cases import members as member_cases
from ..use_cases import waiting_list
from ..use_cases.errors import Conflict, Forbidden, NotFound, RuleBroken
from .member_bookings_texts import status_text
from .member_pages import (PAGES, TEXTS, feed_url, kind_name, message_page, now, parsed_id,
                           slot_words, solo)

router = APIRouter(prefix="/members", tags=["members' pages: my bookings"],
                   include_in_schema=False)
PAGE_SIZE = 20
DONE = {"booked", "cancelled", "checked_in", "feed"}


def _done(done: str, anchor: str = "") -> Response:
    return RedirectResponse(f"/members/bookings?done={done}{anchor}", 303,
                            headers={"Cache-Control": "no-store"})


def _notice(request: Request, lang: str, coming) -> str | None:
    t, done = TEXTS[lang], request.query_params.get("done", "")
    if done not in DONE:
        return None
    if done != "booked":
        return t[f"done_{done}"]
    made = parsed_id(request.query_params.get("booking"))
    row = next((b for b in coming if b["id"] == made), None)
    if row is None:
        return t["done_booked"].split(":")[0] + "."
    words = slot_words(row["starts_at"], row["ends_at"], lang)
    return t["done_booked"].format(desk=row["resource_name"], place=row["place_name"],
                                   day=words["day"], hours=words["hours"])


@router.get("/bookings", response_class=HTMLResponse)
async def my_bookings(request: Request, pool: DbPool, coming_after: str | None = None,
                      past_after: str | None = None) -> Response:
    who = solo(request)
    if isinstance(who, Response):
        return who
    lang, at = page_language(request), now(request)
    cursors = {"coming_after": parsed_id(coming_after), "past_after": parsed_id(past_after)}
    try:
        shown = await member_cases.bookings_for_staff(pool, who.member, at, limit=PAGE_SIZE,
                                                      **cursors)
    except NotFound:  # solo.installed has not reached bookings yet
        shown = None
    early = timedelta(minutes=request.app.state.settings.check_in_early_minutes)
    waiting = await waiting_list.entries(pool, who.member, at) if shown else []

    def can_check_in(b) -> bool:
        return (b["status"] == Status.BOOKED
                and check_in_violation(b["starts_at"], b["ends_at"], at, early) is None)

    return PAGES.render(
        request, "member_bookings.html", principal=who, texts=TEXTS, shown=shown,
        cursors={k: v for k, v in cursors.items() if v},
        done=_notice(request, lang, shown["coming"] if shown else []),
        feed=feed_url(request, shown["member"]["feed_token"]) if shown else None,
        waiting=waiting, can_check_in=can_check_in,
        early_minutes=int(early.total_seconds() // 60),
        status_text=status_text, kind=lambda code: kind_name(code, lang),
        slot=lambda b: slot_words(b["starts_at"], b["ends_at"], lang))


async def _acted(request: Request, pool, booking_id: str, action) -> Response:
    who = solo(request)
    if isinstance(who, Response):
        return who
    found = parsed_id(booking_id)
    if found is None:
        return not_found_page(request, PAGES, who)
    t = TEXTS[page_language(request)]
    back = ("/members/bookings", t["bookings_title"])
    try:
        return await action(who, found)
    except (NotFound, Forbidden):  # another member's booking is not there for this one
        return not_found_page(request, PAGES, who)
    except Conflict as refused:
        why = refused.message if page_language(request) == "en" else refused.message_fr
        return message_page(request, who, 409, t["action_refused_title"], [why], back)
    except RuleBroken as refused:
        why = refused.message if page_language(request) == "en" else refused.message_fr
        return message_page(request, who, 422, t["action_refused_title"], [why], back)


@router.post("/bookings/{booking_id}/cancel", response_class=HTMLResponse)
async def cancel(booking_id: str, request: Request, pool: DbPool) -> Response:
    async def action(who, found):
        await booking_cases.cancel(pool, found, who.member, now(request),
                                   booking_cases.policy_from(request.app.state.settings))
        return _done("cancelled")
    return await _acted(request, pool, booking_id, action)


@router.post("/bookings/{booking_id}/check-in", response_class=HTMLResponse)
async def check_in(booking_id: str, request: Request, pool: DbPool) -> Response:
    early = timedelta(minutes=request.app.state.settings.check_in_early_minutes)

    async def action(who, found):
        await booking_cases.check_in(pool, found, who.member, now(request), early)
        return _done("checked_in")
    return await _acted(request, pool, booking_id, action)


@router.post("/calendar-feed", response_class=HTMLResponse)
async def new_feed(request: Request, pool: DbPool) -> Response:
    """A new secret feed address: the old one stops working at once."""
    who = solo(request)
    if isinstance(who, Response):
        return who
    try:
        await member_cases.profile(pool, who.member)
    except Forbidden:
        return not_found_page(request, PAGES, who)
    await member_cases.rotate_feed_token(pool, who.member)
    return _done("feed", "#calendar")
