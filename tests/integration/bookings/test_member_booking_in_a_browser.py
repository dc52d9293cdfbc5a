"""The members' booking pages in headless Chromium, as a solo sees them behind the front
door (the X-Soho-Identity header it passes on, the shared stylesheet): the places, a
place's week and my bookings pass axe-core (no serious or critical violation) without
sideways scrolling, in French and English at 1280 and 390 px; a desk is booked for the next
working morning with the keyboard alone, then cancelled; two members in two browsers book
the same desk and half-day: one gets it, the other the 409 page offering the next free
desk, which they book in one click. Screenshots go to SOHO_SCREENSHOTS_DIR (docs/screenshots/:
members-book-*, members-week-*, members-bookings-*).

The pages are served by their own bookings app on a database of their own holding the demo
places (as `soho seed` loads them) and a few bookings; that app consumes no events and runs
no jobs."""

import asyncio
import dataclasses
import os
import uuid
from datetime import UTC, date, datetime, time, timedelta

import asyncpg
import pytest

from services.bookings.app import SERVICE
from services.bookings.domain.holidays import public_holiday
from services.bookings.domain.occupancy import iso_week
from services.bookings.domain.rules import BookingPolicy
from services.bookings.store import members as member_store
from services.bookings.use_cases import booking as booking_cases
from services.bookings.use_cases.seeding import NAMESPACE
from shared.auth import FORWARDED_IDENTITY, Role, issue_token
from shared.db import asyncpg_dsn, connect
from shared.http.app import create_app
from shared.reference.calendar import PARIS
from shared.web.assets import router as assets
from soho.database import migrate
from tests.integration.prospects.live_server import served_in_task
from tests.support.page_checks import horizontal_overflow, keep_screenshot, serious_violations

SIZES = [("fr", 1280), ("fr", 390), ("en", 1280), ("en", 390)]
CONDOM = uuid.uuid5(NAMESPACE, "place:32107")  # a demo telecentre: 08:30-18:30 on weekdays
MEMBER, OTHER, THIRD = (uuid.UUID(f"5e1f0c2a-8d4b-4f61-9a3e-0c7b2d9e4f1{n}") for n in range(3))


def identity(member: uuid.UUID, name: str) -> dict[str, str]:
    return {FORWARDED_IDENTITY: issue_token(os.environ["SOHO_SECRET"], Role.SOLO,
                                            member=member, name=name)}


def resource(place: uuid.UUID, name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{place}:{name}")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS)


def working_day(after: date) -> date:
    """The first weekday after `after` that no public holiday closes."""
    day = after + timedelta(days=1)
    while day.weekday() > 4 or public_holiday(day):
        day += timedelta(days=1)
    return day


TODAY = datetime.now(PARIS).date()
TOMORROW = working_day(TODAY)  # "tomorrow morning": the next working morning
LATER = working_day(working_day(TOMORROW + timedelta(days=7)))  # the two browsers' day


@pytest.fixture(scope="module")
async def own_database(database_url):
    """A database of its own with the bookings schema, the demo places and three members."""
    name = f"soho_shots_{uuid.uuid4().hex[:8]}"
    url = database_url.rsplit("/", 1)[0] + "/" + name
    await asyncio.to_thread(migrate, url, [SERVICE])
    conn = await connect(url, SERVICE.schema)
    try:
        async with conn.transaction():
            await SERVICE.seed(conn)
            for n, member in enumerate((MEMBER, OTHER, THIRD)):
                await member_store.upsert_member(conn, member, uuid.uuid4(), "32208",
                                                 "Lectoure", date(2026, 9, 1),
                                                 f"feed-token-{n}-" + "x" * 30)
    finally:
        await conn.close()
    yield url
    admin = await asyncpg.connect(asyncpg_dsn(database_url).rsplit("/", 1)[0] + "/postgres")
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


async def some_bookings(pool) -> None:
    """A past week's bookings (made as if the week before) and a coming one, for the
    screenshots; another member's bookings make the week busy."""
    made_on = at(TODAY - timedelta(days=14), 6).astimezone(UTC)
    policy = BookingPolicy(max_days_ahead=60, weekly_quota_hours=200)
    last_week = working_day(TODAY - timedelta(days=8))
    coming = working_day(TOMORROW + timedelta(days=1))
    for member, desk, day, (start, end) in [
            (MEMBER, "Poste 1", last_week, ((8, 30), (13, 0))),
            (MEMBER, "Bureau 1", working_day(last_week), ((8, 30), (18, 30))),
            (MEMBER, "Poste 2", coming, ((13, 0), (18, 30))),
            (MEMBER, "Salle de réunion", coming, ((10, 0), (12, 0))),
            (THIRD, "Poste 2", TOMORROW, ((8, 30), (13, 0))),
            (THIRD, "Bureau 1", TOMORROW, ((8, 30), (18, 30)))]:
        await booking_cases.book(pool, policy, member, resource(CONDOM, desk), at(day, *start),
                                 at(day, *end), made_on)


@pytest.fixture(scope="module")
async def live(own_database, amqp_url):
    quiet = dataclasses.replace(SERVICE, subscribe=None, periodic=[])
    app = create_app(quiet, quiet.settings(DATABASE_URL=own_database, AMQP_URL=amqp_url,
                                           BOOKINGS_RATE_LIMIT_PER_MINUTE=100_000))
    app.include_router(assets)  # identity serves /assets/ behind the front door
    async with served_in_task(app) as url:
        await some_bookings(app.state.pool)
        yield url


async def _opened(browser, url: str, lang: str, width: int, member=MEMBER, name="Anna de Vries"):
    context = await browser.new_context(viewport={"width": width, "height": 900},
                                        locale=f"{lang}-FR",
                                        extra_http_headers=identity(member, name))
    page = await context.new_page()
    answer = await page.goto(url, wait_until="networkidle")
    assert answer.status == 200, url
    return context, page


@pytest.mark.parametrize("lang, width", SIZES)
async def test_the_booking_pages_pass_axe_and_fit_the_width(browser, live, lang, width):
    pages = [("/members/book", f"members-book-{lang}"),
             (f"/members/book/{CONDOM}?week={iso_week(TOMORROW)}&", f"members-week-{lang}"),
             ("/members/bookings", f"members-bookings-{lang}")]
    for path, name in pages:
        joiner = "" if path.endswith("&") else "?"
        context, page = await _opened(browser, f"{live}{path}{joiner}lang={lang}", lang, width)
        try:
            await keep_screenshot(page, name)
            assert await page.locator("html").get_attribute("lang") == lang
            assert await serious_violations(page) == [], path
            assert await horizontal_overflow(page) == 0, path
        finally:
            await context.close()


async def test_the_busiest_week_weighs_under_200_kb(browser, live):
    """The coworking space of Auch (eight desks, two offices, two rooms): every free slot a
    form, still light enough for a phone."""
    auch = uuid.uuid5(NAMESPACE, "place:32013")
    context, page = await _opened(browser, f"{live}/members/book/{auch}?week="
                                  f"{iso_week(LATER)}", "fr", 390)
    try:
        html = await page.content()
        assert 'class="slot-form"' in html and len(html.encode()) < 200_000, len(html.encode())
    finally:
        await context.close()


def morning_button(page, desk: str, day: date):
    return (page.locator(f'section[data-day="{day.isoformat()}"] '
                         f'li[data-desk="{resource(CONDOM, desk)}"]')
            .locator(f'button[data-slot="{at(day, 8, 30).isoformat()}/{at(day, 13).isoformat()}"]'))


async def test_a_desk_booked_for_tomorrow_morning_then_cancelled_with_the_keyboard(browser, live):
    context, page = await _opened(browser, f"{live}/members/book?lang=fr", "fr", 390)
    try:
        # From the list of places to the place's week: a link followed with Enter.
        await page.locator(f'a.place-name[href="/members/book/{CONDOM}"]').focus()
        await page.keyboard.press("Enter")
        await page.wait_for_url(f"**/members/book/{CONDOM}")
        if iso_week(TOMORROW) != iso_week(TODAY):
            await page.get_by_test_id("next-week").focus()
            await page.keyboard.press("Enter")
            await page.wait_for_url("**week=**")
        button = morning_button(page, "Poste 1", TOMORROW)
        await button.focus()
        assert (await page.evaluate("document.activeElement.getAttribute('aria-label')")
                ).startswith("Réserver matin 8 h 30–13 h, Poste 1, ")
        await page.keyboard.press("Enter")
        await page.wait_for_url("**/members/bookings?done=booked**")
        notice = await page.get_by_role("status").inner_text()
        assert "C'est réservé : Poste 1" in notice and "de 8 h 30 à 13 h 00" in notice
        row = page.locator("li[data-booking]").filter(has_text="Poste 1").first
        booking = await row.get_attribute("data-booking")
        # Then cancelled, from the keyboard too.
        await row.get_by_test_id("cancel").focus()
        await page.keyboard.press("Enter")
        await page.wait_for_url("**done=cancelled**")
        assert "Réservation annulée" in await page.get_by_role("status").inner_text()
        status = page.locator(f'li[data-booking="{booking}"]').get_by_test_id("status")
        assert "Annulée" in await status.inner_text()
    finally:
        await context.close()


async def test_two_browsers_book_the_same_desk_and_hour(browser, live):
    """Both members see Poste 3 free that morning; the first to click gets it, the second
    the 409 page offering the next free desk at that time, booked in one click."""
    week = f"{live}/members/book/{CONDOM}?week={iso_week(LATER)}"
    first, first_page = await _opened(browser, week, "fr", 1280)
    second, second_page = await _opened(browser, week + "&lang=en", "en", 1280, member=OTHER,
                                        name="Jan Jansen")
    try:
        await morning_button(first_page, "Poste 3", LATER).click()
        await first_page.wait_for_url("**done=booked**")
        answer = None
        async with second_page.expect_navigation() as navigation:
            await morning_button(second_page, "Poste 3", LATER).click()
        answer = await navigation.value
        assert answer.status == 409
        assert "This slot was just taken" in await second_page.locator("h1").inner_text()
        offer = await second_page.get_by_test_id("offer").inner_text()
        assert "Poste" in offer and "is free at the same time" in offer
        assert await serious_violations(second_page) == []
        await second_page.get_by_test_id("book-offer").click()
        await second_page.wait_for_url("**done=booked**")
        assert "Booked:" in await second_page.get_by_role("status").inner_text()
        # The first member has Poste 3; the second another desk, never the same one.
        mine = await first_page.locator("li[data-booking]").all_inner_texts()
        theirs = await second_page.locator("li[data-booking]").all_inner_texts()
        assert any("Poste 3" in row for row in mine)
        assert not any("Poste 3" in row for row in theirs)
    finally:
        await first.close()
        await second.close()
