"""The staff search page in headless Chromium: axe-core finds nothing serious, in French and
English, 1280 and 390 px wide, nothing wider than the window; typed, the results follow
(htmx); the arrow keys go from the box to the results and back. The service is served on a
real port with the shared stylesheet and scripts (/assets/, identity's behind the front
door); the front door's identity header is sent by the browser context."""

import os

import pytest

from services.prospects.app import SERVICE
from shared.auth import FORWARDED_IDENTITY, Role, issue_token
from shared.http.app import create_app
from shared.web.assets import router as assets
from tests.support.page_checks import horizontal_overflow, keep_screenshot, serious_violations
from tests.support.waiting import wait_for

from .conftest import GENEROUS
from .live_server import served_in_task
from .test_search import add, tag


@pytest.fixture(scope="module")
async def live(database_url, amqp_url):
    app = create_app(SERVICE, SERVICE.settings(DATABASE_URL=database_url, AMQP_URL=amqp_url,
                                               **GENEROUS))
    app.include_router(assets)
    async with served_in_task(app) as url:
        yield url


async def staff_page(browser, width: int, lang: str):
    token = issue_token(os.environ["SOHO_SECRET"], Role.STAFF, name="Marie Dupont", sub="marie")
    context = await browser.new_context(viewport={"width": width, "height": 900},
                                        locale=f"{lang}-FR",
                                        extra_http_headers={FORWARDED_IDENTITY: token})
    return context, await context.new_page()


# A family name shared by 22 people, as a screenshot should show them (the same addresses
# each time: the same people, whichever test of this module runs first).
FIRSTS = ["Hélène", "Marie", "Jean-Pierre", "Sanne", "Owen", "Émile", "Chloé", "Lotte",
          "Noémie", "Gaël", "Anaïs", "Thomas", "Amelia", "Bram", "Inès", "Julien", "Océane",
          "Pieter", "Maëlle", "Lucas", "Isla", "Rémi"]
TOWNS = [("Toulouse", "+33 6 12 34 56 78"), ("Paris", "06 98 76 54 32"), ("Utrecht", None),
         ("Bordeaux", "+33 7 11 22 33 44"), ("Brighton", "+44 7700 900123"), (None, None),
         ("Liège", "+32 470 12 34 56")]


async def lacassagne_family(prospects) -> None:
    for i, first in enumerate(FIRSTS):
        town, phone = TOWNS[i % len(TOWNS)]
        last = "Lacassagne-Martin" if i % 5 == 3 else "Lacassagne"
        made = await add(prospects, first_name=first, last_name=last, origin_city=town,
                         phone=phone, email=f"{first.lower()}.lacassagne@exemple.fr")
        if i % 4 == 1:
            await prospects.client.post(f"/api/prospects/{made}/stage",
                                        json={"stage": "contacted"}, headers=prospects.staff())


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("width", [1280, 390])
async def test_the_page_with_results_passes_axe(browser, live, prospects, lang, width):
    await lacassagne_family(prospects)
    context, page = await staff_page(browser, width, lang)
    try:
        await page.goto(f"{live}/staff/prospects/search?q=lacasagne"  # a letter missing
                        + ("&lang=en" if lang == "en" else ""), wait_until="networkidle")
        assert await page.locator("[data-result]").count() == 21  # 20 and "next"
        assert await serious_violations(page) == []
        assert await horizontal_overflow(page) == 0
        await keep_screenshot(page, f"staff-search-{lang}")
    finally:
        await context.close()


async def test_typing_then_the_arrow_keys(browser, live, prospects):
    word = tag().title()
    made = {await add(prospects, first_name="Anouk", last_name=word, origin_city="Gent"),
            await add(prospects, first_name="Bram", last_name=f"{word}-Visser")}
    context, page = await staff_page(browser, 1280, "en")
    try:
        await page.goto(f"{live}/staff/prospects/search?lang=en", wait_until="networkidle")
        box = page.get_by_label("Name, email, phone or home town")
        await box.focus()
        await page.keyboard.type(word[:-1] + ("x" if word[-1] != "x" else "y"))  # a typo
        await wait_for(lambda: page.locator("ol[data-testid=results] a").count(),
                       timeout=10, message="the results while typing")
        links = page.locator("ol[data-testid=results] a")
        assert {(await links.nth(i).get_attribute("href")).rsplit("/", 1)[1]
                for i in range(2)} == made

        async def focused_href() -> str | None:
            return await page.evaluate("document.activeElement.getAttribute('href')")

        await page.keyboard.press("ArrowDown")
        assert await focused_href() == await links.nth(0).get_attribute("href")
        await page.keyboard.press("ArrowDown")
        assert await focused_href() == await links.nth(1).get_attribute("href")
        await page.keyboard.press("ArrowUp")
        await page.keyboard.press("ArrowUp")
        assert await page.evaluate("document.activeElement.id") == "q"
        first = await links.nth(0).get_attribute("href")
        await page.keyboard.press("ArrowDown")
        await page.keyboard.press("Enter")  # a link: it opens the prospect's file
        await page.wait_for_url(f"**{first}")
    finally:
        await context.close()
