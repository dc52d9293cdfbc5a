"""A committee's "how we tell you" page in headless Chromium, as the committee sees it
behind the front door: no serious or critical axe-core violation, no sideways scrolling, in
French and English at 1280 and 390 px; the weekly digest chosen with the keyboard alone.
Screenshots go to SOHO_SCREENSHOTS_DIR (docs/screenshots/): committee-notifications."""

import pytest

from services.notifications.app import SERVICE
from shared.auth import Role
from shared.http.app import create_app
from shared.web.assets import router as assets
from tests.integration.prospects.live_server import served_in_task
from tests.support.browser import browser  # noqa: F401 (the fixture)
from tests.support.page_checks import horizontal_overflow, keep_screenshot, serious_violations
from tests.support.smtp import SmtpServer

from .staff_pages_helpers import identity

SIZES = [("fr", 1280), ("fr", 390), ("en", 1280), ("en", 390)]
COMMITTEE = identity(Role.COMMITTEE, village="32107", name="Comité de Lectoure")


@pytest.fixture(scope="module")
async def live(database_url, amqp_url):
    mail = SmtpServer().start()
    settings = SERVICE.settings(DATABASE_URL=database_url, AMQP_URL=amqp_url, SMTP_URL=mail.url,
                                NOTIFICATIONS_STAFF_EMAILS=[], NOTIFICATIONS_POLL_INTERVAL=0.5,
                                SOHO_PUBLIC_URL="http://127.0.0.1:8080")
    app = create_app(SERVICE, settings)
    app.include_router(assets)  # identity serves /assets/ behind the front door
    try:
        async with served_in_task(app) as url:
            yield url
    finally:
        mail.stop()


@pytest.fixture
async def lectoure(db):
    """Lectoure's committee as staff recorded it: an address and a webhook, told at once."""
    await db.execute(
        "INSERT INTO committees (insee_code, village_name, email, locale, webhook_url, "
        "webhook_secret, digest) VALUES ('32107', 'Lectoure', "
        "'accueil.lectoure@example.org', 'fr', 'https://hooks.example.org/lectoure/arrivees', "
        "repeat('a', 64), 'immediate')")


async def _opened(browser, url: str, lang: str, width: int):
    context = await browser.new_context(viewport={"width": width, "height": 900},
                                        locale=f"{lang}-FR", extra_http_headers=COMMITTEE)
    page = await context.new_page()
    answer = await page.goto(url, wait_until="networkidle")
    assert answer.status == 200, url
    return context, page


@pytest.mark.parametrize("lang, width", SIZES)
async def test_the_page_passes_axe(browser, live, lectoure, lang, width):
    context, page = await _opened(browser, f"{live}/committees/notifications?lang={lang}",
                                  lang, width)
    try:
        await keep_screenshot(page, f"committee-notifications-{lang}")
        assert await page.locator("html").get_attribute("lang") == lang
        assert await serious_violations(page) == []
        assert await horizontal_overflow(page) == 0
    finally:
        await context.close()


async def test_the_weekly_digest_is_chosen_with_the_keyboard_alone(browser, live, lectoure,
                                                                   db):
    context, page = await _opened(browser, f"{live}/committees/notifications?lang=fr", "fr",
                                  390)
    try:
        for _ in range(60):  # Tab reaches the chosen radio of the group
            await page.keyboard.press("Tab")
            if await page.evaluate("document.activeElement.id") == "digest-immediate":
                break
        else:
            raise AssertionError("the rhythm is not reached with Tab")
        await page.keyboard.press("ArrowDown")
        assert await page.evaluate("document.activeElement.id") == "digest-weekly"
        assert await page.locator("#digest-weekly").is_checked()
        for _ in range(5):
            await page.keyboard.press("Tab")
            if await page.evaluate("document.activeElement.textContent") == "Enregistrer":
                break
        else:
            raise AssertionError("the save button is not reached with Tab")
        await page.keyboard.press("Enter")
        await page.wait_for_url("**done=saved**")
        assert "C'est enregistré." in await page.get_by_role("status").inner_text()
        assert await page.locator("#digest-weekly").is_checked()
        assert await db.fetchval("SELECT digest FROM committees "
                                 "WHERE insee_code = '32107'") == "weekly"
        assert await db.fetchval("SELECT webhook_secret FROM committees") == "a" * 64
    finally:
        await context.close()
