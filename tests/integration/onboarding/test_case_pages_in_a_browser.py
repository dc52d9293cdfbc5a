"""The staff's case pages in headless Chromium, as staff see them behind the front door
(the X-Soho-Identity header it passes on, the shared stylesheet it serves): the list, the
case page and the abandon confirmation pass axe-core (no serious or critical violation)
with no sideways scrolling, in French and English at 1280 and 390 px; a step completed and
the household installed with the keyboard alone. Screenshots go to SOHO_SCREENSHOTS_DIR
(docs/screenshots/staff-cases-*, staff-case-*)."""

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

from .conftest import handled, qualified_event

STAFF_NAME = "Marie Dupont"
IDENTITY = {FORWARDED_IDENTITY: issue_token(os.environ["SOHO_SECRET"], Role.STAFF,
                                            sub=str(uuid.uuid4()), name=STAFF_NAME)}
SIZES = [("fr", 1280), ("fr", 390), ("en", 1280), ("en", 390)]
HOUSEHOLDS = [  # first name, last name, size, children, wished villages, days since opening
    ("Sanne", "Jansen", 4, 2, ["32233"], 50),
    ("Tom", "Clarke", 2, 0, ["32160", "32013"], 42),
    ("Lucía", "Romero", 1, 0, [], 5),
    ("Pieter", "Visser", 3, 1, ["32160"], 20),
    ("Emma", "Müller", 2, None, [], 95),
]
ORIGINS = {"Sanne": "NL", "Tom": "GB", "Lucía": "ES", "Pieter": "NL", "Emma": "DE"}


@pytest.fixture(scope="module")
async def live(onboarding, database_url, amqp_url):
    app = create_app(SERVICE, SERVICE.settings(DATABASE_URL=database_url, AMQP_URL=amqp_url))
    app.include_router(assets)  # identity serves /assets/ behind the front door
    async with served_in_task(app) as url:
        yield url


@pytest.fixture(scope="module")
async def cases(onboarding, database_url, raw_publish_module):
    """Households at different points of their move, followed by Marie Dupont (the list is
    filtered to her cases, so other tests' cases stay out of the screenshots)."""
    from shared.db import connect

    db = await connect(database_url, SERVICE.schema)
    try:
        found = {}
        for first, last, size, children, wished, days in HOUSEHOLDS:
            event = qualified_event(first_name=first, last_name=last, household_size=size,
                                    children=children, target_villages=wished,
                                    qualified_by=STAFF_NAME, locale="fr", sector="digital",
                                    origin_country=ORIGINS[first],
                                    email=f"{first.lower()}.{uuid.uuid4().hex[:6]}@example.org")
            await raw_publish_module(event)
            await handled(db, event)
            case_id = await db.fetchval("SELECT id FROM cases WHERE prospect_id = $1",
                                        event.data.prospect_id)
            await db.execute("UPDATE case_steps SET due_on = due_on - $2::int "
                             "WHERE case_id = $1", case_id, days)
            found[first] = case_id
        await db.execute("UPDATE case_steps SET status = 'done', resolved_at = now(), "
                         "resolved_by = $2 WHERE case_id = $1 AND key = ANY($3::text[])",
                         found["Sanne"], STAFF_NAME, ["discovery_visit", "business_setup"])
        await db.execute("UPDATE case_steps SET status = 'skipped', resolved_at = now(), "
                         "resolved_by = $2, skip_reason = 'Déjà en télétravail' "
                         "WHERE case_id = $1 AND key = 'business_setup'",
                         found["Tom"], STAFF_NAME)
        return found
    finally:
        await db.close()


@pytest.fixture(scope="module")
async def raw_publish_module(amqp_url):
    from tests.support.publishing import event_publisher

    async with event_publisher(amqp_url) as send:
        yield send


@pytest.mark.parametrize("lang, width", SIZES)
async def test_the_case_pages_pass_axe(browser, live, cases, lang, width):
    case = cases["Sanne"]
    pages = [(f"/staff/cases/?assignee=to:{STAFF_NAME}&lang={lang}", f"staff-cases-{lang}"),
             (f"/staff/cases/{case}?lang={lang}", f"staff-case-{lang}"),
             (f"/staff/cases/{case}/abandon?lang={lang}", None),
             (f"/staff/cases/of-prospect/{uuid.uuid4()}?lang={lang}", None)]
    for path, name in pages:
        context, page = await opened_with(browser, f"{live}{path}", lang=lang, width=width,
                                               headers=IDENTITY, name=name)
        try:
            assert await page.locator("html").get_attribute("lang") == lang
            assert await serious_violations(page) == [], path
            assert await horizontal_overflow(page) == 0, path
        finally:
            await context.close()


async def test_a_step_completed_and_the_household_installed_with_the_keyboard(
        browser, live, cases):
    case = cases["Lucía"]
    context, page = await opened_with(browser, f"{live}/staff/cases/{case}", lang="fr",
                                       width=390, headers=IDENTITY)
    try:
        await page.get_by_role("button", name="Marquer comme faite : Visite de découverte"
                               ).focus()
        await page.keyboard.press("Enter")
        await page.wait_for_url("**done=complete**")
        assert "L'étape est marquée comme faite" in await page.get_by_test_id("done").inner_text()
        assert "Faite le" in await page.get_by_test_id("step-discovery_visit").inner_text()

        await page.get_by_label("Village", exact=True).focus()
        await page.keyboard.press("ArrowDown")  # the second village suggested
        chosen = await page.evaluate(
            "document.getElementById('village').selectedOptions[0].textContent")
        assert chosen.startswith("2. ")
        await page.keyboard.press("Tab")  # the moving-in date: today, as offered
        assert await page.evaluate("document.activeElement.id") == "installed_on"
        for _ in range(5):  # Chromium tabs through its day, month, year and picker
            await page.keyboard.press("Tab")
            if await page.evaluate("document.activeElement.id") != "installed_on":
                break
        assert await page.evaluate("document.activeElement.id") == "household_size"
        await page.keyboard.press("Control+A")
        await page.keyboard.type("2")
        await page.keyboard.press("Tab")
        assert await page.evaluate("document.activeElement.textContent") == \
            "Enregistrer l'installation"
        await page.keyboard.press("Enter")
        await page.wait_for_url("**done=install**")
        assert await page.get_by_test_id("status").inner_text() == "Installé"
        assert f"Installé à {chosen[3:]}" in await page.get_by_test_id("installed").inner_text()
    finally:
        await context.close()
