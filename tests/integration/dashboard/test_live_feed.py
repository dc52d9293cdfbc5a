"""The live feed: server-sent events from a real server, then the page in headless
Chromium: signed in, a contact published on the bus appears in the feed and the contacts
figure moves, without a reload. Screenshots (desktop, phone) go to /tmp."""

import json
import re
import uuid

import os

import httpx
import pytest

from shared.auth import Role, issue_token
from shared.db import connect
from shared.events import ContactReceived, new_event
from tests.unit.dashboard.scripted_stream import scripted_stream

from .conftest import handled, publisher, purge_dashboard_queues, today
from .live_server import served

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
async def live_url(database_url, amqp_url):
    """The dashboard on a real server, with a scripted history to show."""
    await purge_dashboard_queues(amqp_url)
    async with served(database_url, amqp_url) as url:
        script = scripted_stream(today())
        async with publisher(amqp_url) as send:
            for event in script.events:
                await send(event)
        db = await connect(database_url, "dashboard")
        try:
            await handled(db, script.distinct)
        finally:
            await db.close()
        yield url


@pytest.fixture
def dashboard_token() -> str:
    return issue_token(os.environ["SOHO_SECRET"], Role.STAFF, sub="browser-test")


@pytest.fixture
def token_headers(dashboard_token) -> dict[str, str]:
    return {"Authorization": f"Bearer {dashboard_token}"}


def a_contact(country: str = "NL", first_name: str = "Lotte"):
    prospect = uuid.uuid4()
    return new_event(ContactReceived(
        contact_id=uuid.uuid4(), prospect_id=prospect, is_new_prospect=True, channel="web",
        first_name=first_name, last_name="Bakker", email=f"{first_name.lower()}@example.org",
        origin_country=country, household_size=3, sector="digital",
        message="Bonjour, nous aimerions venir"), source="/soho/prospects",
        subject=str(prospect))


async def sse_messages(response: httpx.Response):
    kind = None
    async for line in response.aiter_lines():
        if line.startswith("event: "):
            kind = line.removeprefix("event: ")
        elif line.startswith("data: "):
            yield kind, json.loads(line.removeprefix("data: "))


async def test_the_stream_tells_each_event_without_personal_data(live_url, publish,
                                                                  token_headers):
    event = a_contact()
    async with httpx.AsyncClient(base_url=live_url, timeout=30) as client:
        async with client.stream("GET", "/api/events/stream?lang=en",
                                 headers=token_headers) as response:
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/event-stream")
            messages = sse_messages(response)
            assert await anext(messages) == ("state", {"state": "waiting"})
            assert await anext(messages) == ("state", {"state": "ready"})
            await publish(event)
            async for kind, data in messages:
                if kind == "feed" and data["id"] == str(event.id):
                    break
    assert data["type"] == "contact.received" and data["title"] == "New contact"
    assert data["summary"] == "web form · Netherlands · household of 3 · digital"
    assert not re.search(r"Lotte|Bakker|example\.org|Bonjour", json.dumps(data))


async def contacts_shown(page) -> int:
    text = await page.locator('[data-figure="contacts"] .value').inner_text()
    return int(re.sub(r"\D", "", text))


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_in_a_browser_a_new_contact_appears_live_and_the_figure_moves(
        browser, live_url, publish, dashboard_token, lang):
    context = await browser.new_context(viewport=DESKTOP, locale=f"{lang}-FR")
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    await page.goto(live_url + ("/?lang=en" if lang == "en" else "/"))
    await page.screenshot(path=f"/tmp/dashboard-signin-{lang}.png")
    label = "Jeton d'équipe" if lang == "fr" else "Staff token"
    await page.get_by_label(label).fill(dashboard_token)
    await page.get_by_role("button", name="Se connecter" if lang == "fr" else "Sign in").click()
    await page.wait_for_selector('[data-figure="contacts"]')
    await page.wait_for_selector('#live-status[data-state="ready"]')
    before = await contacts_shown(page)
    await page.evaluate("window.__notReloaded = true")

    event = a_contact("GB", first_name="Maartje")
    await publish(event)
    line = page.locator(f'#feed li[data-id="{event.id}"]')
    await line.wait_for(timeout=20_000)
    expected = "Nouveau contact" if lang == "fr" else "New contact"
    assert expected in await line.inner_text()
    assert "Maartje" not in await page.content()
    await page.wait_for_function(
        "n => Number(document.querySelector('[data-figure=\"contacts\"] .value')"
        ".textContent.replace(/\\D/g, '')) === n", arg=before + 1, timeout=20_000)
    assert await page.evaluate("window.__notReloaded") is True, "no reload"
    assert errors == []

    await page.screenshot(path=f"/tmp/dashboard-desktop-{lang}.png", full_page=True)
    await page.set_viewport_size(PHONE)
    await page.screenshot(path=f"/tmp/dashboard-phone-{lang}.png", full_page=True)
    await page.screenshot(path=f"/tmp/dashboard-phone-{lang}-first-screen.png")
    await context.close()


async def test_without_javascript_the_figures_still_show(browser, live_url, dashboard_token,
                                                        token_headers):
    context = await browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = await context.new_page()
    await page.goto(live_url)
    await page.get_by_label("Jeton d'équipe").fill(dashboard_token)
    await page.get_by_role("button", name="Se connecter").click()
    await page.wait_for_selector('[data-figure="contacts"]')
    async with httpx.AsyncClient(base_url=live_url) as client:
        figures = (await client.get("/api/kpis", headers=token_headers)).json()
    assert await contacts_shown(page) == figures["contacts"] > 0
    assert await page.locator("svg circle.village").count() == figures["villages_with_solos"]
    assert await page.get_by_text("Le fil en direct demande JavaScript").is_visible()
    assert await page.locator("#feed li").count() > 1, "the latest events, from the server"
    await page.screenshot(path="/tmp/dashboard-phone-no-js.png", full_page=True)
    await context.close()
