"""A member's directory, card and follow-up pages in headless Chromium (behind the front
door: the X-Soho-Identity header it passes on): no serious or critical axe-core violation,
no sideways scrolling, in French and English at 1280 and 390 px; opting in to the directory
with the keyboard alone. Screenshots go to SOHO_SCREENSHOTS_DIR (docs/screenshots/)."""

import datetime
import os
import uuid

import pytest

from services.onboarding.app import SERVICE
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
VILLAGE, OTHER = "32333", "32338"  # Projan, Ramouzens
SIZES = [("fr", 1280), ("fr", 390), ("en", 1280), ("en", 390)]
CARDS = [
    ("Anouk", "Visser", VILLAGE, "Ébéniste", ["Marqueterie", "Restauration de meubles"],
     "https://anouk-visser.example.org", "Meubles sur mesure et restauration, atelier ouvert "
     "le samedi."),
    ("Ruben", "de Wit", OTHER, "Développeur web", ["Python", "Accessibilité", "Vélo"],
     "https://ruben.example.org", "Des sites sobres et accessibles, depuis la campagne."),
    ("Sofie", "Jansen", VILLAGE, "Traductrice", ["Anglais", "Néerlandais", "Allemand"],
     None, "Traductions techniques et juridiques."),
]


def solo(member: uuid.UUID, name: str) -> dict[str, str]:
    return {FORWARDED_IDENTITY: issue_token(SECRET, Role.SOLO, sub=f"member:{member}",
                                            member=member, name=name)}


@pytest.fixture(scope="module")
async def live(onboarding, database_url, amqp_url):
    app = create_app(SERVICE, SERVICE.settings(DATABASE_URL=database_url, AMQP_URL=amqp_url))
    app.include_router(assets)  # identity serves /assets/ behind the front door
    async with served_in_task(app) as url:
        yield url


@pytest.fixture(scope="module")
async def members(onboarding, new_member_once):
    """Three listed cards, and a newcomer (not listed) who looks at them."""
    for first, last, village, profession, skills, website, description in CARDS:
        _, member = await new_member_once(village=village, first_name=first, last_name=last)
        answer = await onboarding.client.put(
            f"/api/members/{member}/card", headers=onboarding.staff(),
            json={"listed": True, "profession": profession, "skills": skills,
                  "website": website, "short_description": description})
        assert answer.status_code == 200, answer.text
    _, me = await new_member_once(village=VILLAGE, first_name="Lotte", last_name="Bakker")
    _, keyboard = await new_member_once(village=OTHER, first_name="Daan", last_name="Bos")
    return {"me": solo(me, "Lotte Bakker"), "keyboard": (keyboard, solo(keyboard, "Daan Bos"))}


@pytest.fixture(scope="module")
async def new_member_once(onboarding, database_url, amqp_url):
    """new_member, for a module: a case opened by an event, then installed 200 days ago."""
    installed_on = (datetime.date.today() - datetime.timedelta(days=200)).isoformat()
    conn = await connect(database_url, SERVICE.schema)
    async with event_publisher(amqp_url) as send:
        async def install(village: str, **data):
            event = qualified_event(**data)
            await send(event)
            await handled(conn, event)
            found = await onboarding.client.get(
                "/api/cases", headers=onboarding.staff(),
                params={"prospect_id": str(event.data.prospect_id)})
            case = found.json()[0]
            answer = await onboarding.client.post(
                f"/api/cases/{case['id']}/install", headers=onboarding.staff(),
                json={"village": village, "installed_on": installed_on, "household_size": 2})
            assert answer.status_code == 201, answer.text
            return case, uuid.UUID(answer.json()["member_id"])
        yield install
    await conn.close()


async def _opened(browser, url: str, lang: str, width: int, headers: dict):
    context = await browser.new_context(viewport={"width": width, "height": 900},
                                        locale=f"{lang}-FR", extra_http_headers=headers)
    page = await context.new_page()
    answer = await page.goto(url, wait_until="networkidle")
    assert answer.status == 200, url
    return context, page


@pytest.mark.parametrize("lang, width", SIZES)
async def test_the_members_pages_pass_axe(browser, live, members, lang, width):
    for path, name in (("/members/directory/", f"members-directory-{lang}"),
                       ("/members/directory/card", f"members-card-{lang}"),
                       ("/members/follow-ups/6", f"members-follow-up-{lang}"),
                       ("/members/follow-ups/12", None)):
        context, page = await _opened(browser, f"{live}{path}?lang={lang}", lang, width,
                                      members["me"])
        try:
            if name:
                await keep_screenshot(page, name)
            assert await page.locator("html").get_attribute("lang") == lang
            assert await serious_violations(page) == [], path
            assert await horizontal_overflow(page) == 0, path
        finally:
            await context.close()


@pytest.mark.parametrize("lang, width", SIZES)
async def test_the_card_preview_and_errors_pass_axe(browser, live, members, lang, width):
    context, page = await _opened(browser, f"{live}/members/directory/card?lang={lang}", lang,
                                  width, members["me"])
    try:
        await page.locator("#website").fill("pas une adresse")
        await page.get_by_test_id("save").click()
        await page.get_by_test_id("error-summary").wait_for()
        assert await serious_violations(page) == []
        assert await horizontal_overflow(page) == 0
    finally:
        await context.close()


async def test_opting_in_with_the_keyboard_alone(browser, live, members):
    member, headers = members["keyboard"]
    context, page = await _opened(browser, f"{live}/members/directory/card", "fr", 390, headers)
    try:
        assert not await page.locator("#listed").is_checked(), "hidden by default"
        await page.keyboard.press("Tab")  # the skip link first
        assert await page.evaluate("document.activeElement.textContent") == "Aller au contenu"
        for _ in range(60):
            await page.keyboard.press("Tab")
            if await page.evaluate("document.activeElement.id") == "listed":
                break
        else:
            raise AssertionError("the opt-in box is not reachable with Tab")
        await page.keyboard.press("Space")
        assert await page.locator("#listed").is_checked()
        await page.keyboard.press("Tab")
        await page.keyboard.type("Photographe")
        await page.keyboard.press("Tab")
        await page.keyboard.type("Photo, Drone")
        for _ in range(10):
            await page.keyboard.press("Tab")
            if await page.evaluate("document.activeElement.dataset.testid") == "save":
                break
        else:
            raise AssertionError("the save button is not reachable with Tab")
        await page.keyboard.press("Enter")
        await page.wait_for_url("**done=saved**")
        assert "Votre carte est enregistrée." in await page.get_by_role("status").inner_text()
        await page.goto(f"{live}/members/directory/?skill=drone", wait_until="networkidle")
        listed = page.locator(f'[data-card="{member}"]')
        assert "Photographe" in await listed.inner_text()
    finally:
        await context.close()
