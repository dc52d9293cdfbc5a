"""The staff's village and member pages in headless Chromium, as staff see them behind the
front door (the X-Soho-Identity header it passes on, the shared stylesheet it serves): no
serious or critical axe-core violation, no sideways scrolling, in French and English at
1280 and 390 px; a village's host status changed with the keyboard alone. Screenshots go
to SOHO_SCREENSHOTS_DIR (docs/screenshots/)."""

import datetime
import os
import uuid

import pytest

from services.onboarding.app import SERVICE
from shared.auth import FORWARDED_IDENTITY, Role, issue_token
from shared.http.app import create_app
from shared.web.assets import router as assets
from tests.integration.prospects.live_server import served_in_task
from tests.support.browser import browser  # noqa: F401 (the fixture)
from tests.support.page_checks import horizontal_overflow, opened_with, serious_violations
from tests.support.publishing import event_publisher
from tests.support.waiting import wait_for

from .conftest import qualified_event

IDENTITY = {FORWARDED_IDENTITY: issue_token(os.environ["SOHO_SECRET"], Role.STAFF,
                                            sub=str(uuid.uuid4()), name="Marie Dupont")}
SIZES = [("fr", 1280), ("fr", 390), ("en", 1280), ("en", 390)]
SHOWN_VILLAGE = "32410"  # Samatan: a demonstration host village with its committee
KEYBOARD_VILLAGE = "32113"  # Cravencères: its status is changed by the keyboard test
HOUSEHOLDS = [("Lotte", "Bakker", "digital", "NL", 420), ("Sanne", "Jansen", "creative", "NL", 200),
              ("Oliver", "Hughes", "consulting", "GB", 35)]


@pytest.fixture(scope="module")
async def live(onboarding, database_url, amqp_url):
    app = create_app(SERVICE, SERVICE.settings(DATABASE_URL=database_url, AMQP_URL=amqp_url))
    app.include_router(assets)  # identity serves /assets/ behind the front door
    async with served_in_task(app) as url:
        yield url


@pytest.fixture(scope="module")
async def members(onboarding, amqp_url):
    """Three households installed in Samatan, one with its card and a follow-up recorded."""
    client, staff = onboarding.client, onboarding.staff()
    made = []
    async with event_publisher(amqp_url) as send:
        for first, last, sector, country, days in HOUSEHOLDS:
            event = qualified_event(first_name=first, last_name=last, sector=sector,
                                    origin_country=country, target_villages=[SHOWN_VILLAGE])
            await send(event)

            async def opened(prospect=event.data.prospect_id):
                found = await client.get("/api/cases", params={"prospect_id": str(prospect)},
                                         headers=staff)
                return found.json()[0]["id"] if found.status_code == 200 and found.json() \
                    else None

            case = await wait_for(opened, timeout=30, message=f"the case of {first}")
            installed = datetime.date.today() - datetime.timedelta(days=days)
            answer = await client.post(f"/api/cases/{case}/install", headers=staff, json={
                "village": SHOWN_VILLAGE, "installed_on": installed.isoformat(),
                "household_size": 2})
            assert answer.status_code == 201, answer.text
            made.append(answer.json()["member_id"])
    lotte = made[0]
    for call in (
            client.put(f"/api/members/{lotte}/card", headers=staff, json={
                "listed": True, "profession": "UX designer", "skills": ["Figma", "Research"],
                "website": "https://lotte.example.org",
                "short_description": "Designs apps for Dutch firms from a farmhouse."}),
            client.put(f"/api/members/{lotte}/follow-ups/1", headers=staff, json={
                "still_here": True, "activity_going": True,
                "note": "Settled in; the children like the school."})):
        assert (await call).status_code == 200
    return made


@pytest.mark.parametrize("lang, width", SIZES)
async def test_the_village_and_member_pages_pass_axe(browser, live, members, lang, width):
    pages = [("/staff/villages/", f"staff-villages-{lang}"),
             (f"/staff/villages/{SHOWN_VILLAGE}", f"staff-village-{lang}"),
             ("/staff/members/", f"staff-members-{lang}"),
             (f"/staff/members/{members[0]}", f"staff-member-{lang}")]
    for path, name in pages:
        context, page = await opened_with(browser, f"{live}{path}?lang={lang}", lang=lang, width=width,
                                               headers=IDENTITY, name=name)
        try:
            assert await page.locator("html").get_attribute("lang") == lang
            assert await serious_violations(page) == [], path
            assert await horizontal_overflow(page) == 0, path
        finally:
            await context.close()


async def test_the_bookings_region_is_a_link_without_its_fragment(browser, live, members):
    context, page = await opened_with(browser, f"{live}/staff/members/{members[0]}", lang="fr",
                                       width=1280, headers=IDENTITY)
    try:
        link = page.get_by_test_id("bookings").get_by_role("link")
        assert await link.inner_text() == "Voir ses réservations / See their bookings"
        assert await link.get_attribute("href") == f"/staff/bookings/members/{members[0]}"
    finally:
        await context.close()


async def test_the_host_status_changed_with_the_keyboard_alone(browser, live):
    context, page = await opened_with(browser, f"{live}/staff/villages/{KEYBOARD_VILLAGE}", lang="fr",
                                       width=390, headers=IDENTITY)
    try:
        status = page.get_by_test_id("host-status")
        before = await status.inner_text()
        await page.keyboard.press("Tab")  # the skip link first
        assert await page.evaluate("document.activeElement.textContent") == "Aller au contenu"
        for _ in range(40):  # along the page to the status list
            await page.keyboard.press("Tab")
            if await page.evaluate("document.activeElement.id") == "host_status":
                break
        else:
            raise AssertionError("the status list is not reachable with Tab")
        current = await page.evaluate("document.activeElement.value")
        await page.keyboard.press("ArrowUp" if current == "none" else "ArrowDown")
        chosen = await page.evaluate("document.activeElement.value")
        assert chosen != current
        await page.keyboard.press("Tab")
        assert await page.evaluate("document.activeElement.textContent") == \
            "Enregistrer le statut"
        await page.keyboard.press("Enter")
        await page.wait_for_url("**done=status**")
        assert "Le statut du village est enregistré." in \
            await page.get_by_role("status").inner_text()
        assert await status.inner_text() != before
    finally:
        await context.close()
