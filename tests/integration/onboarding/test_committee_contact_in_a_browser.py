"""A committee's page "how we are told" (/committees/contact) and its village page showing
a household that agreed to be contacted (its address, a mailto link), in headless Chromium
behind the X-Soho-Identity header the front door passes on: no serious or critical axe-core
violation, no sideways scrolling, in French and English at 1280 and 390 px, each page under
200 KB; the webhook set and saved with the keyboard alone. Screenshots go to
SOHO_SCREENSHOTS_DIR (docs/screenshots/)."""

import os

import pytest

from services.onboarding.app import SERVICE
from shared.auth import FORWARDED_IDENTITY, Role, issue_token
from shared.db import connect
from shared.http.app import create_app
from shared.web.assets import router as assets
from tests.integration.prospects.live_server import served_in_task
from tests.support.browser import browser  # noqa: F401 (the fixture)
from tests.support.page_checks import horizontal_overflow, opened_with, serious_violations
from tests.support.publishing import event_publisher

from .conftest import handled, qualified_event

SECRET = os.environ["SOHO_SECRET"]
VILLAGE = "32315"  # Peyrusse-Grande: no other test uses it
IDENTITY = {FORWARDED_IDENTITY: issue_token(SECRET, Role.COMMITTEE, village=VILLAGE,
                                            name="Jeanne Martin")}
SIZES = [("fr", 1280), ("fr", 390), ("en", 1280), ("en", 390)]
LIMIT = 200 * 1024
AGREED_EMAIL = "sanne.jansen@example.nl"


@pytest.fixture(scope="module")
async def live(onboarding, database_url, amqp_url):
    app = create_app(SERVICE, SERVICE.settings(DATABASE_URL=database_url, AMQP_URL=amqp_url))
    app.include_router(assets)  # identity serves /assets/ behind the front door
    async with served_in_task(app) as url:
        yield url


@pytest.fixture(scope="module")
async def village(onboarding, database_url):
    """Peyrusse-Grande has a committee; two households expected, one of which agreed to be
    contacted by the committee."""
    client, staff = onboarding.client, onboarding.staff()
    answer = await client.put(f"/api/villages/{VILLAGE}/committee", headers=staff,
                              json={"email": "comite.peyrusse@example.org", "locale": "fr"})
    assert answer.status_code == 200, answer.text
    conn = await connect(database_url, SERVICE.schema)
    try:
        async with event_publisher(onboarding.app.state.settings.amqp_url) as send:
            for first, email in (("Sanne", AGREED_EMAIL), ("Oliver", "oliver@example.org")):
                event = qualified_event(first_name=first, email=email, household_size=2,
                                        target_villages=[VILLAGE])
                await send(event)
                await handled(conn, event)
        await conn.execute("UPDATE cases SET contact_agreed_on = DATE '2026-12-02' "
                           "WHERE email = $1", AGREED_EMAIL)
    finally:
        await conn.close()


@pytest.mark.parametrize("lang, width", SIZES)
async def test_the_pages_pass_axe(browser, live, village, lang, width):
    for path, name in (("/committees/contact", f"committee-contact-{lang}"),
                       (f"/committees/villages/{VILLAGE}", f"committee-village-agreed-{lang}")):
        context, page = await opened_with(browser, f"{live}{path}?lang={lang}", lang=lang,
                                          width=width, headers=IDENTITY, name=name)
        try:
            assert await page.locator("html").get_attribute("lang") == lang
            assert await serious_violations(page) == [], path
            assert await horizontal_overflow(page) == 0, path
            loaded = await page.evaluate(  # the page itself and all it loaded, in bytes
                "performance.getEntriesByType('navigation').concat("
                "performance.getEntriesByType('resource')).map(e => e.decodedBodySize || 0)")
            assert sum(loaded) < LIMIT, (path, sum(loaded))
            if path.startswith("/committees/villages/"):
                agreed = page.get_by_test_id("household-email")
                assert await agreed.count() == 1
                assert await agreed.inner_text() == AGREED_EMAIL
                assert "oliver@example.org" not in await page.content()
        finally:
            await context.close()


async def test_the_webhook_is_saved_with_the_keyboard_alone(browser, live, village):
    context, page = await opened_with(browser, f"{live}/committees/contact", lang="fr",
                                      width=390, headers=IDENTITY)
    try:
        for _ in range(40):
            await page.keyboard.press("Tab")
            if await page.evaluate("document.activeElement.id") == "webhook_url":
                break
        else:
            raise AssertionError("the webhook field is not reachable with Tab")
        await page.keyboard.press("Control+A")
        await page.keyboard.type("https://hooks.example.org/peyrusse")
        await page.keyboard.press("Tab")
        assert await page.evaluate("document.activeElement.textContent") == "Enregistrer"
        await page.keyboard.press("Enter")
        await page.wait_for_url("**done=saved**")
        assert "C'est enregistré" in await page.get_by_role("status").inner_text()
        assert await page.locator("#webhook_url").input_value() == \
            "https://hooks.example.org/peyrusse"
    finally:
        await context.close()
