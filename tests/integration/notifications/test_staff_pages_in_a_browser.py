"""The staff's delivery pages in headless Chromium, as staff see them behind the front door
(the X-Soho-Identity header it passes on, the shared stylesheet it serves): no serious or
critical axe-core violation, no sideways scrolling, in French and English at 1280 and
390 px; a failed message sent again with the keyboard alone. Screenshots go to
SOHO_SCREENSHOTS_DIR (docs/screenshots/): staff-deliveries, staff-delivery,
staff-templates, staff-template."""

import uuid

import pytest

from services.notifications.adapters.templating import Renderer
from services.notifications.app import SERVICE
from services.notifications.domain.template_samples import sample_context
from shared.http.app import create_app
from shared.web.assets import router as assets
from tests.integration.prospects.live_server import served_in_task
from tests.support.browser import browser  # noqa: F401 (the fixture)
from tests.support.page_checks import horizontal_overflow, keep_screenshot, serious_violations
from tests.support.smtp import SmtpServer

from .staff_pages_helpers import STAFF, add_delivery

SIZES = [("fr", 1280), ("fr", 390), ("en", 1280), ("en", 390)]
renderer = Renderer()


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


async def message(db, name: str, locale: str, status: str, minutes_ago: float, **extra):
    context = sample_context(name) | extra.pop("context", {})
    rendered = renderer.render(name, locale, context)
    return await add_delivery(db, status=status, minutes_ago=minutes_ago, template=name,
                              locale=locale, subject=rendered.subject, body_text=rendered.text,
                              body_html=rendered.html, **extra)


@pytest.fixture
async def story(db):
    """A log as it looks after a few days: one refused address, one waiting, sent ones; a
    template changed by staff."""
    person = uuid.uuid4()
    failed = await message(db, "contact.acknowledgement", "fr", "failed", 12,
                           recipient="camille.martin@example.org", prospect_id=person,
                           last_error="SMTP 550: 5.1.1 <camille.martin@example.org>: "
                                      "mailbox unavailable")
    await message(db, "booking.confirmation", "en", "pending", 3,
                  recipient="lotte.bakker@example.org",
                  last_error="SMTP 451: 4.3.0 try again later")
    await message(db, "contact.staff_alert", "fr", "sent", 12.1,
                  recipient="equipe@soho-solo.example.org", prospect_id=person)
    await message(db, "solo.welcome", "en", "sent", 60 * 26,
                  recipient="lotte.bakker@example.org")
    await message(db, "solo.arrival", "fr", "sent", 60 * 27,
                  recipient="accueil.lectoure@example.org")
    await message(db, "booking.cancellation", "fr", "sent", 60 * 50,
                  recipient="jules.roux@example.org")
    source = renderer.file_sources("solo.welcome", "en")
    await db.execute(
        "INSERT INTO template_overrides (name, locale, subject, body_text, body_html, "
        "updated_by) VALUES ('solo.welcome', 'en', $1, $2, $3, 'Marie Dupont')",
        "Welcome home, {{ first_name }}!", source.body_text, source.body_html)
    return {"failed": failed, "person": person}


async def _looked_at(browser, url: str, lang: str, width: int, name: str | None):
    context = await browser.new_context(viewport={"width": width, "height": 900},
                                        locale=f"{lang}-FR", extra_http_headers=STAFF)
    page = await context.new_page()
    answer = await page.goto(url, wait_until="networkidle")
    assert answer.status == 200, url
    if name:
        # A full-page shot leaves out frames below the window: the window is made as tall as
        # the page first (each frame loaded and painted), then put back.
        height = await page.evaluate("document.documentElement.scrollHeight")
        await page.set_viewport_size({"width": width, "height": height})
        for frame in await page.locator("iframe").all():
            await frame.content_frame.locator("body").wait_for()
        await page.evaluate("new Promise(done => requestAnimationFrame(() => "
                            "requestAnimationFrame(done)))")
        await keep_screenshot(page, name)
        await page.set_viewport_size({"width": width, "height": 900})
    return context, page


@pytest.mark.parametrize("lang, width", SIZES)
async def test_the_delivery_pages_pass_axe(browser, live, story, lang, width):
    pages = [("/staff/deliveries/", f"staff-deliveries-{lang}"),
             (f"/staff/deliveries/{story['failed']}", f"staff-delivery-{lang}"),
             ("/staff/deliveries/templates", f"staff-templates-{lang}"),
             (f"/staff/deliveries/templates/contact.acknowledgement/{lang}",
              f"staff-template-{lang}"),
             (f"/staff/deliveries/of-prospect/{story['person']}", None)]
    for path, name in pages:
        context, page = await _looked_at(browser, f"{live}{path}?lang={lang}", lang, width,
                                         name)
        try:
            assert await page.locator("html").get_attribute("lang") == lang
            assert await serious_violations(page) == [], path
            assert await horizontal_overflow(page) == 0, path
        finally:
            await context.close()


async def test_a_failed_message_is_sent_again_with_the_keyboard_alone(browser, live, story,
                                                                      db):
    context, page = await _looked_at(browser, f"{live}/staff/deliveries/?lang=fr", "fr", 390,
                                     None)
    try:
        # From the log to the failed message (first in the list), then to its button.
        for _ in range(60):
            await page.keyboard.press("Tab")
            if await page.evaluate("document.activeElement.getAttribute('href')") == \
                    f"/staff/deliveries/{story['failed']}":
                break
        await page.keyboard.press("Enter")
        await page.wait_for_url(f"**/staff/deliveries/{story['failed']}")
        for _ in range(60):
            await page.keyboard.press("Tab")
            if await page.evaluate("document.activeElement.textContent") == \
                    "Renvoyer le message":
                break
        else:
            raise AssertionError("the re-send button is not reached with Tab")
        await page.keyboard.press("Enter")
        await page.wait_for_url("**done=resent**")
        assert "remis dans la file d'envoi" in await page.get_by_role("status").inner_text()
        assert await page.get_by_test_id("resends").inner_text() == "1"
        assert await db.fetchval("SELECT resends FROM deliveries WHERE id = $1",
                                 story["failed"]) == 1
    finally:
        await context.close()
