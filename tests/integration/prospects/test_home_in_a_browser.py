"""The public site's home page `/` (prospects: the programme's presentation, its key figures,
the form) and the key figures' page `/key-figures` (dashboard), in headless Chromium over
real HTTP. The front door puts both at one origin; here the browser context does its part:
/key-figures asked of the home page's server is answered by the dashboard's (and /assets/
by the app itself, as identity serves it). In French and English at 1280 and 390 px: htmx
fills the figures region with the dashboard's list, axe-core finds no serious or critical
violation, nothing scrolls sideways, each page weighs under 200 KB with all it loads;
without JavaScript the region's link leads to the figures' page.
SOHO_SCREENSHOTS_DIR=docs/screenshots keeps home-<lang>-<width>.png and
key-figures-<lang>-<width>.png."""

import datetime
import re
import uuid
from urllib.parse import urlsplit

import httpx
import pytest

from services.prospects.app import SERVICE
from shared.events import InstalledVillage, SoloInstalled
from shared.http.app import create_app
from shared.web import assets
from tests.integration.dashboard.conftest import purge_dashboard_queues
from tests.integration.dashboard.live_server import served
from tests.support.page_checks import (MAX_PAGE_BYTES, horizontal_overflow, keep_screenshot,
                                       serious_violations)
from tests.support.publishing import event_publisher
from tests.support.waiting import wait_for
from tests.unit.dashboard.scripted_stream import event

from .conftest import GENEROUS
from .live_server import served_in_task

HOUSEHOLDS = [("32233", "Marciac", "NL", 4), ("32160", "L'Isle-Jourdain", "BE", 2),
              ("32013", "Auch", "GB", 3)]
WORDS = {"fr": {"home": "Vivre et travailler dans le Gers", "figures": "Chiffres clés",
                "installed": "Solos installés", "link": "Voir les chiffres clés du programme"},
         "en": {"home": "Live and work in the Gers", "figures": "Key figures",
                "installed": "Solos installed", "link": "See the programme's key figures"}}


@pytest.fixture(scope="module")
async def site(database_url, amqp_url):
    """(home page's URL, dashboard's URL), the dashboard having counted a few installations."""
    await purge_dashboard_queues(amqp_url)
    app = create_app(SERVICE, SERVICE.settings(DATABASE_URL=database_url, AMQP_URL=amqp_url,
                                               form_min_seconds=0, **GENEROUS))
    app.include_router(assets.router)  # identity's /assets/, behind the front door
    async with served(database_url, amqp_url) as dashboard, served_in_task(app) as home:
        async with event_publisher(amqp_url) as send:
            now = datetime.datetime.now(datetime.UTC)
            for insee, name, country, size in HOUSEHOLDS:
                member = uuid.uuid4()
                await send(event(SoloInstalled(
                    member_id=member, prospect_id=uuid.uuid4(), case_id=uuid.uuid4(),
                    village=InstalledVillage(insee_code=insee, name=name),
                    installed_on=now.date(), household_size=size, origin_country=country),
                    now, "/soho/onboarding", str(member)))
        async with httpx.AsyncClient(base_url=dashboard) as client:
            async def counted() -> bool:
                page = (await client.get("/key-figures", headers={"HX-Request": "true"})).text
                found = re.search(r'data-figure="installed_solos">(\d+)<', page)
                return bool(found) and int(found.group(1)) >= len(HOUSEHOLDS)
            await wait_for(counted, timeout=30, message="the installations counted")
        yield home, dashboard


async def same_origin(context, dashboard: str) -> None:
    """As the front door routes it: /key-figures (exactly) goes to the dashboard."""
    async def forward(route) -> None:
        asked = urlsplit(route.request.url)
        answer = await route.fetch(url=f"{dashboard}{asked.path}"
                                       + (f"?{asked.query}" if asked.query else ""))
        await route.fulfill(response=answer)

    await context.route(re.compile(r"^http://127\.0\.0\.1:\d+/key-figures(\?.*)?$"), forward)


async def opened(browser, site, path: str, *, lang: str, width: int, **options):
    home, dashboard = site
    context = await browser.new_context(viewport={"width": width, "height": 900},
                                        locale=f"{lang}-FR", **options)
    await same_origin(context, dashboard)
    sizes: list[int] = []

    async def count(response) -> None:
        try:
            sizes.append(len(await response.body()))
        except Exception:  # a response without a body
            pass

    page = await context.new_page()
    page.on("response", count)
    answer = await page.goto(f"{home}{path}?lang={lang}", wait_until="networkidle")
    assert answer.status == 200
    return context, page, sizes


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_the_home_page_shows_the_programme_its_figures_and_the_form(browser, site,
                                                                         lang, width):
    w = WORDS[lang]
    context, page, sizes = await opened(browser, site, "/", lang=lang, width=width)
    try:
        assert await page.locator("h1").inner_text() == w["home"]
        region = page.get_by_test_id("key-figures-region")
        await region.locator("dl.key-figures").wait_for()
        assert await region.get_attribute("aria-busy") is None
        assert w["installed"] in await region.inner_text()
        installed = int(re.sub(r"\D", "", await region.locator(
            '[data-figure="installed_solos"]').inner_text()))
        assert installed >= len(HOUSEHOLDS)
        assert await page.locator("form.home-form").count() == 1
        for href in ("/villages/", "/telecentres"):
            assert await page.locator(f'main a[href^="{href}"]').count() >= 1
        assert await page.locator(
            'nav.menu a[href="/"][aria-current="page"]').count() == 1, "the public menu"
        await keep_screenshot(page, f"home-{lang}")
        assert await serious_violations(page) == []
        assert await horizontal_overflow(page) == 0
        assert sum(sizes) < MAX_PAGE_BYTES, sum(sizes)
    finally:
        await context.close()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_the_key_figures_page_reads_well(browser, site, lang, width):
    w = WORDS[lang]
    context, page, sizes = await opened(browser, site, "/key-figures", lang=lang, width=width)
    try:
        assert await page.locator("h1").inner_text() == w["figures"]
        assert await page.locator("html").get_attribute("lang") == lang
        assert await page.locator("dl.key-figures .key-figure").count() == 4
        assert await page.locator(
            'nav.menu a[href="/key-figures"][aria-current="page"]').count() == 1
        await keep_screenshot(page, f"key-figures-{lang}")
        assert await serious_violations(page) == []
        assert await horizontal_overflow(page) == 0
        assert sum(sizes) < MAX_PAGE_BYTES, sum(sizes)
    finally:
        await context.close()


async def test_without_javascript_the_figures_are_a_link_away(browser, site):
    context, page, _ = await opened(browser, site, "/", lang="fr", width=390,
                                    java_script_enabled=False)
    try:
        region = page.get_by_test_id("key-figures-region")
        assert await region.locator("dl").count() == 0
        link = region.get_by_role("link", name=WORDS["fr"]["link"])
        await link.focus()  # followed with the keyboard
        await page.keyboard.press("Enter")
        await page.wait_for_url("**/key-figures?lang=fr")
        assert await page.locator("h1").inner_text() == "Chiffres clés"
        assert await page.locator("dl.key-figures").count() == 1
    finally:
        await context.close()
