"""The staff's bookings pages in headless Chromium, as staff see them behind the front door
(the X-Soho-Identity header it passes on, the shared stylesheet it serves): the list of
telecentres, a telecentre's page and a member's bookings pass axe-core (no serious or
critical violation) without sideways scrolling, in French and English at 1280 and 390 px;
a closure is added with the keyboard alone. Screenshots go to SOHO_SCREENSHOTS_DIR
(docs/screenshots/: staff-telecentres-*, staff-telecentre-*, staff-member-bookings-*).

The pages are served by their own bookings app on a database of their own holding the demo
places (as `soho seed` loads them) and a member's week of bookings, so the screenshots show
what staff would see; that app consumes no events and runs no jobs."""

import asyncio
import dataclasses
import os
import uuid
from datetime import UTC, date, datetime, time, timedelta

import asyncpg
import pytest

from services.bookings.app import SERVICE
from services.bookings.domain.lifecycle import ReleaseReason, Status
from services.bookings.domain.rules import BookingPolicy
from services.bookings.store import bookings as booking_store
from services.bookings.store import members as member_store
from services.bookings.use_cases import booking as booking_cases
from services.bookings.use_cases import places_admin
from services.bookings.use_cases.errors import RuleBroken
from services.bookings.use_cases.seeding import NAMESPACE
from shared.auth import FORWARDED_IDENTITY, Role, issue_token
from shared.db import asyncpg_dsn, connect
from shared.http.app import create_app
from shared.reference.calendar import PARIS
from shared.web.assets import router as assets
from soho.database import migrate
from tests.integration.prospects.live_server import served_in_task
from tests.support.page_checks import horizontal_overflow, opened_with, serious_violations

IDENTITY = {FORWARDED_IDENTITY: issue_token(os.environ["SOHO_SECRET"], Role.STAFF,
                                            sub=str(uuid.uuid4()), name="Marie Dupont")}
SIZES = [("fr", 1280), ("fr", 390), ("en", 1280), ("en", 390)]
CONDOM = uuid.uuid5(NAMESPACE, "place:32107")  # a demo telecentre
AUCH = uuid.uuid5(NAMESPACE, "place:32013")  # a demo coworking space
MEMBER = uuid.UUID("5e1f0c2a-8d4b-4f61-9a3e-0c7b2d9e4f10")


def resource(place: uuid.UUID, name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{place}:{name}")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS)


# The demo telecentres open 08:30-18:30 on weekdays, their desks booked by half-day.
MORNING, AFTERNOON, DAY = ((8, 30), (13, 0)), ((13, 0), (18, 30)), ((8, 30), (18, 30))


@pytest.fixture(scope="module")
async def own_database(database_url):
    """A database of its own with the bookings schema and the demo places."""
    name = f"soho_shots_{uuid.uuid4().hex[:8]}"
    url = database_url.rsplit("/", 1)[0] + "/" + name
    await asyncio.to_thread(migrate, url, [SERVICE])
    conn = await connect(url, SERVICE.schema)
    try:
        async with conn.transaction():
            await SERVICE.seed(conn)
            await member_store.upsert_member(conn, MEMBER, uuid.uuid4(), "32208", "Lectoure",
                                             date(2026, 9, 1), "feed-token-" + "x" * 30)
    finally:
        await conn.close()
    yield url
    admin = await asyncpg.connect(asyncpg_dsn(database_url).rsplit("/", 1)[0] + "/postgres")
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


async def book_a_fortnight(pool) -> None:
    """The member's bookings from last week to next week (the rules checked as if made the
    Monday before), one checked in, one missed, one cancelled; other members' bookings
    stand in for a busy place. A day a public holiday closes is skipped."""
    today = datetime.now(PARIS).date()
    monday = today - timedelta(days=today.weekday())
    made_on = at(monday - timedelta(days=7), 6).astimezone(UTC)
    policy = BookingPolicy(max_days_ahead=60, weekly_quota_hours=200)
    others = []
    async with pool.acquire() as conn:
        for n in range(3):
            other = uuid.uuid5(MEMBER, str(n))
            await member_store.upsert_member(conn, other, uuid.uuid4(), "32107", "Condom",
                                             date(2026, 6, 1), f"feed-{n}-" + "y" * 30)
            others.append(other)

    async def book(member, desk, day, slot):
        (start, end) = slot
        try:
            await booking_cases.book(pool, policy, member, desk, at(day, *start),
                                     at(day, *end), made_on)
        except RuleBroken:  # a public holiday
            pass

    for week in (-1, 0, 1):
        for n, slot in enumerate([MORNING, AFTERNOON, DAY]):
            day = monday + timedelta(days=7 * week + n * 2)
            await book(MEMBER, resource(CONDOM, "Poste 1"), day, slot)
        for n in range(5):
            day = monday + timedelta(days=7 * week + n)
            for i, other in enumerate(others):
                await book(other, resource(CONDOM, f"Poste {i + 2}"), day,
                           (MORNING, DAY, AFTERNOON)[(n + i + week) % 3])
            if (n + week) % 2:
                await book(others[2], resource(CONDOM, "Bureau 1"), day, DAY)
            await book(others[0], resource(CONDOM, "Salle de réunion"), day, ((10, 0), (12, 0)))
            await book(others[1], resource(AUCH, f"Poste {n + 1}"), day, ((8, 0), (13, 0)))
    now = datetime.now(UTC)
    async with pool.acquire() as conn:
        rows = [r for r in await booking_store.member_bookings(conn, MEMBER)]
    past = sorted((r for r in rows if r["ends_at"] <= now), key=lambda r: r["starts_at"])
    coming = sorted((r for r in rows if r["ends_at"] > now), key=lambda r: r["starts_at"])
    async with pool.acquire() as conn:
        for row in past[::2]:
            await booking_store.check_in(conn, row["id"], row["starts_at"])
        if len(past) > 1:
            await booking_store.release(conn, past[1]["id"], Status.NO_SHOW,
                                        ReleaseReason.NO_SHOW, past[1]["starts_at"])
    if len(coming) > 1:
        await booking_cases.cancel(pool, coming[1]["id"], MEMBER, now)
    await places_admin.close_day(pool, CONDOM, today + timedelta(days=9), "Inventaire annuel")


@pytest.fixture(scope="module")
async def live(own_database, amqp_url):
    quiet = dataclasses.replace(SERVICE, subscribe=None, periodic=[])
    app = create_app(quiet, quiet.settings(DATABASE_URL=own_database, AMQP_URL=amqp_url))
    app.include_router(assets)  # identity serves /assets/ behind the front door
    async with served_in_task(app) as url:
        await book_a_fortnight(app.state.pool)
        yield url


@pytest.mark.parametrize("lang, width", SIZES)
async def test_the_staff_pages_pass_axe_and_fit_the_width(browser, live, lang, width):
    pages = [("/staff/telecentres/", f"staff-telecentres-{lang}"),
             (f"/staff/telecentres/{CONDOM}", f"staff-telecentre-{lang}"),
             (f"/staff/bookings/members/{MEMBER}", f"staff-member-bookings-{lang}")]
    for path, name in pages:
        context, page = await opened_with(browser, f"{live}{path}?lang={lang}", lang=lang, width=width,
                                               headers=IDENTITY, name=name)
        try:
            assert await page.locator("html").get_attribute("lang") == lang
            assert await serious_violations(page) == [], path
            assert await horizontal_overflow(page) == 0, path
        finally:
            await context.close()


async def test_a_closure_added_with_the_keyboard_alone(browser, live):
    context, page = await opened_with(browser, f"{live}/staff/telecentres/{AUCH}?lang=fr", lang="fr",
                                       width=390, headers=IDENTITY)
    day = datetime.now(PARIS).date() + timedelta(days=30)
    try:
        await page.get_by_label("Date", exact=True).focus()
        await page.keyboard.type(day.strftime("%d/%m/%Y"))
        await page.keyboard.press("Tab")
        await page.keyboard.type("Travaux de la fibre")
        await page.keyboard.press("Tab")
        assert await page.evaluate("document.activeElement.textContent") == \
            "Ajouter la fermeture"
        await page.keyboard.press("Enter")
        await page.wait_for_url("**done=closure**")
        assert "La fermeture du" in await page.get_by_role("status").inner_text()
        row = page.locator(f'tr[data-closure="{day.isoformat()}"]')
        assert "Travaux de la fibre" in await row.inner_text()
        # The same with a mistake: the error summary names the field, typed text kept.
        await page.get_by_label("Date", exact=True).focus()
        await page.keyboard.type("32/13/2027")
        await page.keyboard.press("Enter")
        await page.wait_for_load_state("networkidle")
        summary = page.get_by_test_id("error-summary")
        assert "n'est pas une date" in await summary.inner_text()
        assert await page.get_by_label("Date", exact=True).input_value() == "32/13/2027"
        assert await serious_violations(page) == []  # the page with its errors too
    finally:
        await context.close()
