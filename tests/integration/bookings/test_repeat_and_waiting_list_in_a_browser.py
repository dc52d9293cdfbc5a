"""The repeat booking and the waiting list in headless Chromium, as a solo sees them behind
the front door: a place's week where every hot desk is taken one morning (its "join the
waiting list" buttons and the repeat form), the repeat's result page and my bookings with
my waiting-list entries pass axe-core (no serious or critical violation) without sideways
scrolling, in French and English at 1280 and 390 px; a member joins the waiting list, then
books a slot every week for four weeks, with the keyboard alone. Screenshots go to
SOHO_SCREENSHOTS_DIR (docs/screenshots/: members-week-full-*, members-repeat-*,
members-waiting-list-*).

The pages are served by their own bookings app on a database of their own holding the demo
places (as `soho seed` loads them), a few members and one busy morning."""

import asyncio
import dataclasses
import os
import uuid
from datetime import date, datetime, time, timedelta

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
HOLDER, KEYBOARD = (uuid.UUID(f"6a2e1d3b-9c5a-4f72-8b4f-1d8c3e0f5a2{n}") for n in range(2))
BY_SIZE = {size: uuid.UUID(f"6a2e1d3b-9c5a-4f72-8b4f-1d8c3e0f5a3{n}")
           for n, size in enumerate(SIZES)}


def working_day(after: date) -> date:
    day = after + timedelta(days=1)
    while day.weekday() > 4 or public_holiday(day):
        day += timedelta(days=1)
    return day


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS)


TODAY = datetime.now(PARIS).date()
BUSY = working_day(TODAY + timedelta(days=9))  # every hot desk taken that morning
while any(public_holiday(BUSY + timedelta(weeks=n)) for n in (1, 2, 3)):  # a series of 4
    BUSY = working_day(BUSY)


def identity(member: uuid.UUID) -> dict[str, str]:
    return {FORWARDED_IDENTITY: issue_token(os.environ["SOHO_SECRET"], Role.SOLO,
                                            member=member, name="Anna de Vries")}


@pytest.fixture(scope="module")
async def own_database(database_url):
    name = f"soho_shots_{uuid.uuid4().hex[:8]}"
    url = database_url.rsplit("/", 1)[0] + "/" + name
    await asyncio.to_thread(migrate, url, [SERVICE])
    conn = await connect(url, SERVICE.schema)
    try:
        async with conn.transaction():
            await SERVICE.seed(conn)
            for n, member in enumerate((HOLDER, KEYBOARD, *BY_SIZE.values())):
                await member_store.upsert_member(conn, member, uuid.uuid4(), "32208",
                                                 "Lectoure", date(2026, 9, 1),
                                                 f"feed-token-w{n}-" + "x" * 30)
    finally:
        await conn.close()
    yield url
    admin = await asyncpg.connect(asyncpg_dsn(database_url).rsplit("/", 1)[0] + "/postgres")
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


@pytest.fixture(scope="module")
async def live(own_database, amqp_url):
    quiet = dataclasses.replace(SERVICE, subscribe=None, periodic=[])
    app = create_app(quiet, quiet.settings(DATABASE_URL=own_database, AMQP_URL=amqp_url,
                                           BOOKINGS_RATE_LIMIT_PER_MINUTE=100_000))
    app.include_router(assets)
    async with served_in_task(app) as url:
        policy = BookingPolicy(max_days_ahead=60, weekly_quota_hours=200)
        for desk in ("Poste 1", "Poste 2", "Poste 3", "Poste 4"):
            await booking_cases.book(app.state.pool, policy, HOLDER,
                                     uuid.uuid5(NAMESPACE, f"{CONDOM}:{desk}"), at(BUSY, 8, 30),
                                     at(BUSY, 13), datetime.now(PARIS))
        # Two weeks later, Poste 1's afternoon is taken: the keyboard's series misses it.
        later = BUSY + timedelta(weeks=2)
        await booking_cases.book(app.state.pool, policy, HOLDER,
                                 uuid.uuid5(NAMESPACE, f"{CONDOM}:Poste 1"), at(later, 13),
                                 at(later, 18, 30), datetime.now(PARIS))
        yield url


async def _opened(browser, url: str, lang: str, width: int, member: uuid.UUID):
    context = await browser.new_context(viewport={"width": width, "height": 900},
                                        locale=f"{lang}-FR", extra_http_headers=identity(member))
    page = await context.new_page()
    answer = await page.goto(url, wait_until="networkidle")
    assert answer.status == 200, url
    return context, page


async def _checked(page, name: str) -> None:
    await keep_screenshot(page, name)
    assert await serious_violations(page) == [], name
    assert await horizontal_overflow(page) == 0, name


def full_morning(page):
    return page.locator(f'section[data-day="{BUSY.isoformat()}"] '
                        f'button[data-wait="hot_desk/{at(BUSY, 8, 30).isoformat()}/'
                        f'{at(BUSY, 13).isoformat()}"]')


@pytest.mark.parametrize("lang, width", SIZES)
async def test_the_week_the_result_and_the_list_pass_axe_and_fit(browser, live, lang, width):
    week = f"{live}/members/book/{CONDOM}?week={iso_week(BUSY)}&lang={lang}"
    context, page = await _opened(browser, week, lang, width, BY_SIZE[(lang, width)])
    try:
        await _checked(page, f"members-week-full-{lang}")
        # Join the waiting list for the full morning: my bookings list the entry.
        await full_morning(page).click()
        await page.wait_for_url("**/members/bookings?done=waiting**")
        assert await page.get_by_test_id("waiting-list").locator("li").count() == 1
        await _checked(page, f"members-waiting-list-{lang}")
        # Repeat the first free slot of the week for twelve weeks: the result page.
        await page.goto(week, wait_until="networkidle")
        await page.locator("#repeat-weeks").fill("12")  # the last weeks: not open yet
        await page.get_by_test_id("repeat-submit").click()
        await page.wait_for_load_state("networkidle")
        assert await page.get_by_test_id("repeat-summary").count() == 1
        assert await page.locator('[data-reason="too_far_ahead"]').count() > 0
        await _checked(page, f"members-repeat-{lang}")
    finally:
        await context.close()


async def test_join_the_line_then_book_every_week_with_the_keyboard(browser, live):
    week = f"{live}/members/book/{CONDOM}?week={iso_week(BUSY)}"
    context, page = await _opened(browser, week, "fr", 390, KEYBOARD)
    try:
        await full_morning(page).focus()
        assert (await page.evaluate("document.activeElement.textContent")).startswith(
            "M'inscrire")
        await page.keyboard.press("Enter")
        await page.wait_for_url("**done=waiting**")
        assert "inscrit en liste d'attente" in await page.get_by_test_id(
            "waiting-done").inner_text()
        row = page.get_by_test_id("waiting-list").locator("li")
        assert "Rang dans la file" in await row.inner_text()
        # Back to the week: the afternoon of the busy day, every week for four weeks.
        await page.goto(week, wait_until="networkidle")
        afternoon = (f"{uuid.uuid5(NAMESPACE, f'{CONDOM}:Poste 1')} "
                     f"{at(BUSY, 13).isoformat()} {at(BUSY, 18, 30).isoformat()}")
        await page.locator("#repeat-slot").focus()
        await page.locator("#repeat-slot").select_option(afternoon)  # as arrow keys would
        await page.keyboard.press("Tab")
        assert await page.evaluate("document.activeElement.id") == "repeat-weeks"
        await page.keyboard.press("Control+A")
        await page.keyboard.type("4")
        await page.keyboard.press("Enter")
        await page.wait_for_load_state("networkidle")
        summary = await page.get_by_test_id("repeat-summary").inner_text()
        assert "3 date(s) réservée(s) sur 4" in summary, summary
        assert await page.get_by_test_id("booked").locator("li").count() == 3
        taken = page.locator('[data-reason="taken"]')
        assert "déjà réservé" in await taken.inner_text()
        assert await serious_violations(page) == []
        # Leave the line with the keyboard, from my bookings.
        await page.get_by_test_id("see-bookings").focus()
        await page.keyboard.press("Enter")
        await page.wait_for_url("**/members/bookings")
        await page.get_by_test_id("waiting-list").get_by_test_id("leave").focus()
        await page.keyboard.press("Enter")
        await page.wait_for_url("**done=left**")
        assert await page.get_by_test_id("waiting-none").count() == 1
    finally:
        await context.close()
