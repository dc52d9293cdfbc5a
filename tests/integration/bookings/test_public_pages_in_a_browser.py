"""The public site's telecentres in headless Chromium, as anyone sees them (no sign-in, no
identity): the list on the map, a place's page and the places nearest to a commune pass
axe-core (no serious or critical violation), fit the width without sideways scrolling and
weigh under 200 KB with all they load, in French and English at 1280 and 390 px; a place
is opened from the list with the keyboard alone. Screenshots go to SOHO_SCREENSHOTS_DIR
(docs/screenshots/: public-telecentres-*, public-telecentre-*, public-nearest-*).

The pages are served by their own bookings app on a database of their own holding the demo
places (as `soho seed` loads them) and a closure, so the screenshots show what visitors
would see; that app consumes no events and runs no jobs."""

import asyncio
import dataclasses
import uuid
from datetime import datetime, timedelta

import asyncpg
import pytest

from services.bookings.app import SERVICE
from services.bookings.use_cases import places_admin
from services.bookings.use_cases.seeding import NAMESPACE
from shared.db import asyncpg_dsn, connect
from shared.http.app import create_app
from shared.reference.calendar import PARIS
from shared.web.assets import router as assets
from soho.database import migrate
from tests.integration.prospects.live_server import served_in_task
from tests.support.page_checks import (MAX_PAGE_BYTES, horizontal_overflow, looked_at,
                                       serious_violations)

SIZES = [("fr", 1280), ("fr", 390), ("en", 1280), ("en", 390)]
CONDOM = uuid.uuid5(NAMESPACE, "place:32107")  # a demo telecentre
AUCH = uuid.uuid5(NAMESPACE, "place:32013")  # a demo coworking space
MARCIAC = "32233"  # a demo host village (onboarding), whose page loads the nearest places


@pytest.fixture(scope="module")
async def own_database(database_url):
    """A database of its own with the bookings schema and the demo places."""
    name = f"soho_public_{uuid.uuid4().hex[:8]}"
    url = database_url.rsplit("/", 1)[0] + "/" + name
    await asyncio.to_thread(migrate, url, [SERVICE])
    conn = await connect(url, SERVICE.schema)
    try:
        async with conn.transaction():
            await SERVICE.seed(conn)
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
    app = create_app(quiet, quiet.settings(DATABASE_URL=own_database, AMQP_URL=amqp_url))
    app.include_router(assets)  # identity serves /assets/ behind the front door
    async with served_in_task(app) as url:
        today = datetime.now(PARIS).date()
        await places_admin.close_day(app.state.pool, CONDOM, today + timedelta(days=9),
                                     "Inventaire annuel")
        yield url


@pytest.mark.parametrize("lang, width", SIZES)
async def test_the_public_pages_pass_axe_fit_the_width_and_are_light(browser, live, lang,
                                                                    width):
    pages = [("/telecentres", f"public-telecentres-{lang}"),
             (f"/telecentres/{CONDOM}", f"public-telecentre-{lang}"),
             (f"/telecentres/near/{MARCIAC}", f"public-nearest-{lang}")]

    async def check(path: str, name: str) -> None:
        async with looked_at(browser, f"{live}{path}?lang={lang}", width=width,
                             locale=f"{lang}-FR", name=name) as page:
            assert await page.locator("html").get_attribute("lang") == lang
            assert await serious_violations(page) == [], path
            assert await horizontal_overflow(page) == 0, path
            assert 0 < page.loaded_bytes() < MAX_PAGE_BYTES, (path, page.loaded_bytes())

    await asyncio.gather(*(check(path, name) for path, name in pages))  # each its own context


async def test_a_place_opened_from_the_list_with_the_keyboard(browser, live):
    context = await browser.new_context(viewport={"width": 390, "height": 900},
                                        locale="fr-FR")
    try:
        page = await context.new_page()
        await page.goto(f"{live}/telecentres?lang=fr", wait_until="networkidle")
        assert await page.get_by_test_id("map").is_visible()
        link = page.locator(f"main a[href='/telecentres/{AUCH}?lang=fr']")
        for _ in range(40):  # Tab from the top of the page until the place's link
            await page.keyboard.press("Tab")
            if await link.evaluate("el => el === document.activeElement"):
                break
        else:
            pytest.fail("the place's link is not reached with Tab")
        await page.keyboard.press("Enter")
        await page.wait_for_url(f"**/telecentres/{AUCH}?lang=fr")
        assert "Espace de coworking d'Auch" in await page.locator("h1").inner_text()
        assert await page.get_by_test_id("book-link").get_attribute("href") == \
            f"/members/book/{AUCH}"
    finally:
        await context.close()
