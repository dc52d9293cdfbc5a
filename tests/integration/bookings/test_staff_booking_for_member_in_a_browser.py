"""Staff booking a desk for a member, in headless Chromium as staff see it behind the front
door (the X-Soho-Identity header it passes on, the shared stylesheet): the member's bookings
(with the link "Réserver un poste pour ce membre"), the places and a place's week pass
axe-core (no serious or critical violation) without sideways scrolling, in French and English
at 1280 and 390 px; staff book the next working morning for a member who has no account, with
the keyboard alone, and see it on the member's bookings as made by staff. Screenshots go to
SOHO_SCREENSHOTS_DIR (docs/screenshots/: staff-book-member-*, staff-book-places-*,
staff-book-week-*, members-bookings-by-staff-fr-390).

The pages are served by their own bookings app on a database of their own holding the demo
places (as `soho seed` loads them) and one member; that app consumes no events, runs no jobs."""

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
from services.bookings.use_cases import staff_booking
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
MEMBER = uuid.UUID("7a3c2e10-4b5d-4e6f-8a9b-0c1d2e3f4a5b")
STAFF = {FORWARDED_IDENTITY: issue_token(os.environ["SOHO_SECRET"], Role.STAFF,
                                         sub=str(uuid.uuid4()), name="Marie Dupont")}
MEMBER_IDENTITY = {FORWARDED_IDENTITY: issue_token(os.environ["SOHO_SECRET"], Role.SOLO,
                                                 member=MEMBER, name="Camille Martin")}


def working_day(after: date) -> date:
    day = after + timedelta(days=1)
    while day.weekday() > 4 or public_holiday(day):
        day += timedelta(days=1)
    return day


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS)


TODAY = datetime.now(PARIS).date()
TOMORROW = working_day(TODAY)


@pytest.fixture(scope="module")
async def own_database(database_url):
    """A database of its own with the bookings schema, the demo places and one member."""
    name = f"soho_onbehalf_{uuid.uuid4().hex[:8]}"
    url = database_url.rsplit("/", 1)[0] + "/" + name
    await asyncio.to_thread(migrate, url, [SERVICE])
    conn = await connect(url, SERVICE.schema)
    try:
        async with conn.transaction():
            await SERVICE.seed(conn)
            await member_store.upsert_member(conn, MEMBER, uuid.uuid4(), "32208", "Lectoure",
                                             date(2026, 9, 1), "feed-token-onbehalf-" + "x" * 30)
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
    app.include_router(assets)  # identity serves /assets/ behind the front door
    async with served_in_task(app) as url:
        await some_bookings(app.state.pool)
        yield url


async def some_bookings(pool) -> None:
    """Coming bookings of the member for the screenshots: one made by staff on their
    behalf, one by the member; neither on the morning the keyboard test books."""
    later = working_day(TOMORROW)
    policy = BookingPolicy(max_days_ahead=60, weekly_quota_hours=200)
    made_on = at(TODAY, 6).astimezone(UTC)
    await staff_booking.book_for_member(pool, policy, MEMBER, resource("Poste 2"),
                                        at(later, 8, 30), at(later, 13), made_on,
                                        staff="marie")
    await booking_cases.book(pool, policy, MEMBER, resource("Salle de réunion"),
                             at(later, 14), at(later, 16), made_on)


def resource(name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{CONDOM}:{name}")


async def _opened(browser, url: str, lang: str, width: int):
    context = await browser.new_context(viewport={"width": width, "height": 900},
                                        locale=f"{lang}-FR", extra_http_headers=STAFF)
    page = await context.new_page()
    answer = await page.goto(url, wait_until="networkidle")
    assert answer.status == 200, url
    return context, page


BASE = f"/staff/bookings/members/{MEMBER}"


async def _checked(browser, live, lang: str, width: int) -> list[str]:
    """What is wrong with the three pages in that language and width (nothing: [])."""
    pages = [(f"{BASE}?", f"staff-book-member-{lang}"),
             (f"{BASE}/book?", f"staff-book-places-{lang}"),
             (f"{BASE}/book/{CONDOM}?week={iso_week(TOMORROW)}&", f"staff-book-week-{lang}")]
    wrong = []
    for path, name in pages:
        context, page = await _opened(browser, f"{live}{path}lang={lang}", lang, width)
        where = f"{path} {lang} {width}"
        try:
            await keep_screenshot(page, name)
            if await page.locator("html").get_attribute("lang") != lang:
                wrong.append(f"{where}: not in {lang}")
            wrong += [f"{where}: {v}" for v in await serious_violations(page)]
            if overflow := await horizontal_overflow(page):
                wrong.append(f"{where}: {overflow} px too wide")
            if (size := len((await page.content()).encode())) >= 200_000:
                wrong.append(f"{where}: {size} bytes")
        finally:
            await context.close()
    return wrong


async def test_the_pages_pass_axe_and_fit_the_width(browser, live):
    """French and English, 1280 and 390 px: the four looked at side by side (fast)."""
    found = await asyncio.gather(*[_checked(browser, live, lang, width)
                                   for lang, width in SIZES])
    assert [line for lines in found for line in lines] == []


async def test_staff_book_a_morning_for_the_member_with_the_keyboard(browser, live):
    context, page = await _opened(browser, f"{live}{BASE}?lang=fr", "fr", 390)
    try:
        await page.get_by_test_id("book-for-member").focus()
        await page.keyboard.press("Enter")
        await page.wait_for_url(f"**{BASE}/book")
        await page.locator(f'a.place-name[href="{BASE}/book/{CONDOM}"]').focus()
        await page.keyboard.press("Enter")
        await page.wait_for_url(f"**{BASE}/book/{CONDOM}")
        if iso_week(TOMORROW) != iso_week(TODAY):
            await page.get_by_test_id("next-week").focus()
            await page.keyboard.press("Enter")
            await page.wait_for_url("**week=**")
        desk = resource("Poste 1")
        button = (page.locator(f'section[data-day="{TOMORROW.isoformat()}"] '
                               f'li[data-desk="{desk}"]')
                  .locator(f'button[data-slot="{at(TOMORROW, 8, 30).isoformat()}/'
                           f'{at(TOMORROW, 13).isoformat()}"]'))
        await button.focus()
        assert (await page.evaluate("document.activeElement.getAttribute('aria-label')")
                ).startswith("Réserver matin 8 h 30–13 h, Poste 1, ")
        await page.keyboard.press("Enter")
        await page.wait_for_url("**done=booked**")
        notice = await page.get_by_role("status").inner_text()
        assert "Réservé pour le membre : Poste 1" in notice and "de 8 h 30 à 13 h 00" in notice
        made = page.locator("tr[data-booking]").filter(has_text="Poste 1")
        assert "réservé par l'équipe" in await made.inner_text()
        assert await serious_violations(page) == []
    finally:
        await context.close()
    # The member, signing in later, sees it among their bookings as made by staff.
    context = await browser.new_context(viewport={"width": 390, "height": 900}, locale="fr-FR",
                                        extra_http_headers=MEMBER_IDENTITY)
    try:
        page = await context.new_page()
        await page.goto(f"{live}/members/bookings?lang=fr", wait_until="networkidle")
        await keep_screenshot(page, "members-bookings-by-staff-fr")
        mine = page.locator("li[data-booking]").filter(has_text="Poste 1")
        assert "Réservé par l'équipe" in await mine.inner_text()
        assert await serious_violations(page) == []
    finally:
        await context.close()
