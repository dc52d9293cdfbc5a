"""A committee's pages and the public villages' pages in headless Chromium: the committee's
village (behind the front door: the X-Soho-Identity header it passes on) and its public
page editor with a preview; the public map and list of villages and a village's page with
no sign-in at all. No serious or critical axe-core violation, no sideways scrolling, in
French and English at 1280 and 390 px; each public page under 200 KB with all it loads;
"we have made contact" recorded with the keyboard alone. Screenshots go to
SOHO_SCREENSHOTS_DIR (docs/screenshots/)."""

import datetime
import os

import pytest

from services.onboarding.app import SERVICE
from services.onboarding.use_cases import committee_page
from shared.auth import FORWARDED_IDENTITY, Role, issue_token
from shared.db import connect
from shared.http.app import create_app
from shared.web.assets import router as assets
from tests.integration.prospects.live_server import served_in_task
from tests.support.browser import browser  # noqa: F401 (the fixture)
from tests.support.page_checks import horizontal_overflow, keep_screenshot, serious_violations
from tests.support.publishing import event_publisher

from .conftest import handled, qualified_event

SECRET = os.environ["SOHO_SECRET"]
VILLAGE = "32307"  # Pavie: no other test uses it
PUBLISHED = "32208"  # a demonstration host village whose page this module publishes
IDENTITY = {FORWARDED_IDENTITY: issue_token(SECRET, Role.COMMITTEE, village=VILLAGE,
                                            name="Jeanne Martin")}
SIZES = [("fr", 1280), ("fr", 390), ("en", 1280), ("en", 390)]
LIMIT = 200 * 1024


@pytest.fixture(scope="module")
async def live(onboarding, database_url, amqp_url):
    app = create_app(SERVICE, SERVICE.settings(DATABASE_URL=database_url, AMQP_URL=amqp_url))
    app.include_router(assets)  # identity serves /assets/ behind the front door
    async with served_in_task(app) as url:
        yield url


@pytest.fixture(scope="module")
async def households(onboarding, database_url, amqp_url):
    """Pavie hosts: two households expected, one installed; its page and Lectoure's
    published in French and English."""
    client, staff = onboarding.client, onboarding.staff()
    conn = await connect(database_url, SERVICE.schema)
    try:
        await conn.execute("UPDATE villages SET host_status = 'host' WHERE insee_code = $1",
                           VILLAGE)
        cases = []
        async with event_publisher(amqp_url) as send:
            for first, size, children in (("Sanne", 3, 1), ("Oliver", 1, 0), ("Lotte", 2, 0)):
                event = qualified_event(first_name=first, household_size=size,
                                        children=children, target_villages=[VILLAGE])
                await send(event)
                await handled(conn, event)
                found = await client.get("/api/cases", headers=staff,
                                         params={"prospect_id": str(event.data.prospect_id)})
                cases.append(found.json()[0]["id"])
        installed_on = (datetime.date.today() - datetime.timedelta(days=60)).isoformat()
        answer = await client.post(f"/api/cases/{cases[2]}/install", headers=staff, json={
            "village": VILLAGE, "installed_on": installed_on, "household_size": 2})
        assert answer.status_code == 201, answer.text
    finally:
        await conn.close()
    texts = {
        "welcome_fr": ("Bienvenue ! Le comité vous accueille autour d'un café le samedi "
                       "matin, sous la halle.\n\nNous vous aidons à trouver un logement, "
                       "une école, un médecin."),
        "welcome_en": ("Welcome! The committee meets newcomers for coffee on Saturday "
                       "mornings, under the market hall.\n\nWe help you find a home, a "
                       "school, a doctor."),
        "services_fr": "Marché le mercredi, boulangerie, pharmacie.",
        "housing_fr": "Deux maisons à louer près de la place ; un gîte pour les premiers mois.",
        "housing_en": "Two houses to rent near the square; a holiday cottage for the first months.",
        "photos_alt_fr": "La cathédrale au soleil couchant ; la promenade du Bastion.",
        "contact_fr": "Jeanne Martin, comite@example.org",
        "contact_en": "Jeanne Martin, comite@example.org",
    }
    pool = onboarding.app.state.pool
    for code in (VILLAGE, PUBLISHED):
        page = await committee_page.village_page(pool, code)
        await committee_page.publish_page(pool, code, texts, "Jeanne Martin",
                                          revision=page.revision)
    return cases


async def _opened(browser, url: str, lang: str, width: int, name: str | None,
                  headers: dict | None = None):
    context = await browser.new_context(viewport={"width": width, "height": 900},
                                        locale=f"{lang}-FR", extra_http_headers=headers or {})
    page = await context.new_page()
    sizes: list[int] = []

    async def count(response) -> None:
        try:
            sizes.append(len(await response.body()))
        except Exception:  # a response without a body
            pass

    page.on("response", count)
    answer = await page.goto(url, wait_until="networkidle")
    assert answer.status == 200, url
    if name:
        await keep_screenshot(page, name)
    return context, page, sizes


@pytest.mark.parametrize("lang, width", SIZES)
async def test_the_committee_pages_pass_axe(browser, live, households, lang, width):
    for path, name in ((f"/committees/villages/{VILLAGE}", f"committee-village-{lang}"),
                       (f"/committees/villages/{VILLAGE}/page",
                        f"committee-page-edit-{lang}")):
        context, page, _ = await _opened(browser, f"{live}{path}?lang={lang}", lang, width,
                                         name, IDENTITY)
        try:
            assert await page.locator("html").get_attribute("lang") == lang
            assert await serious_violations(page) == [], path
            assert await horizontal_overflow(page) == 0, path
        finally:
            await context.close()


@pytest.mark.parametrize("lang, width", SIZES)
async def test_the_preview_passes_axe(browser, live, households, lang, width):
    context, page, _ = await _opened(browser, f"{live}/committees/villages/{VILLAGE}/page"
                                     f"?lang={lang}", lang, width, None, IDENTITY)
    try:
        await page.get_by_role("button", name="Prévisualiser" if lang == "fr" else "Preview")\
            .click()
        await page.get_by_test_id("preview").wait_for()
        await keep_screenshot(page, f"committee-page-preview-{lang}")
        assert await serious_violations(page) == []
        assert await horizontal_overflow(page) == 0
    finally:
        await context.close()


@pytest.mark.parametrize("lang, width", SIZES)
async def test_the_public_pages_pass_axe_and_are_light(browser, live, households, lang, width):
    for path, name in (("/villages/", f"public-villages-{lang}"),
                       (f"/villages/{PUBLISHED}", f"public-village-{lang}")):
        context, page, sizes = await _opened(browser, f"{live}{path}?lang={lang}", lang,
                                             width, name)
        try:
            assert await page.locator("html").get_attribute("lang") == lang
            assert await serious_violations(page) == [], path
            assert await horizontal_overflow(page) == 0, path
            assert sum(sizes) < LIMIT, (path, sum(sizes))
            assert not [u for u in await page.evaluate(
                "performance.getEntriesByType('resource').map(e => e.name)")
                if not u.startswith(live)], "nothing loaded from elsewhere"
        finally:
            await context.close()


async def test_contact_made_recorded_with_the_keyboard_alone(browser, live, households):
    context, page, _ = await _opened(browser, f"{live}/committees/villages/{VILLAGE}", "fr",
                                     390, None, IDENTITY)
    try:
        first = page.get_by_test_id("expected").locator("li").first
        assert "Pas encore de contact" in await first.inner_text()
        await page.keyboard.press("Tab")  # the skip link first
        assert await page.evaluate("document.activeElement.textContent") == "Aller au contenu"
        for _ in range(60):
            await page.keyboard.press("Tab")
            if (await page.evaluate("document.activeElement.textContent")) == \
                    "Nous avons pris contact":
                break
        else:
            raise AssertionError("the contact button is not reachable with Tab")
        await page.keyboard.press("Enter")
        await page.wait_for_url("**done=contact**")
        assert "Contact enregistré" in await page.get_by_role("status").inner_text()
        today = await page.get_by_test_id("expected").locator("li").first\
            .get_by_test_id("contact-made").inner_text()
        assert today.startswith("Contact pris le ")
    finally:
        await context.close()
