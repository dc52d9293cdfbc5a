"""The prospect file and its erasure confirmation in headless Chromium, as staff see them
behind the front door (the X-Soho-Identity header it passes on, the shared stylesheet it
serves): no serious or critical axe-core violation, no sideways scrolling, in French and
English at 1280 and 390 px; a note added with the keyboard alone; the timeline's regions
that other services fill (here a stand-in for onboarding's fragment, and notifications'
failing) swapped in by htmx or left with their link. Screenshots go to
SOHO_SCREENSHOTS_DIR (docs/screenshots/)."""

import os
import uuid

import pytest
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from services.prospects.app import SERVICE
from shared.auth import FORWARDED_IDENTITY, Role, issue_token
from shared.http.app import create_app
from shared.web.assets import router as assets
from shared.web.language import page_language
from tests.support.page_checks import horizontal_overflow, opened_with, serious_violations

from .conftest import GENEROUS
from .helpers import person
from .live_server import served_in_task

IDENTITY = {FORWARDED_IDENTITY: issue_token(os.environ["SOHO_SECRET"], Role.STAFF,
                                            sub=str(uuid.uuid4()), name="Marie Dupont")}
STAND_INS = APIRouter()


@STAND_INS.get("/staff/cases/of-prospect/{prospect_id}", response_class=HTMLResponse)
async def case_steps(prospect_id: str, request: Request) -> HTMLResponse:
    """Onboarding's fragment as the front door would bring it: a list of entries, no
    heading (the file gives the region its heading)."""
    assert request.headers.get("HX-Request") == "true"
    steps = (("Case opened", "Village chosen: Marciac") if page_language(request) == "en"
             else ("Dossier ouvert", "Village choisi : Marciac"))
    return HTMLResponse('<ul class="timeline">' + "".join(
        f'<li class="entry"><p class="entry-head"><strong>{step}</strong></p></li>'
        for step in steps) + "</ul>")


@STAND_INS.get("/staff/deliveries/of-prospect/{prospect_id}")
async def deliveries_down(prospect_id: str) -> HTMLResponse:
    """Notifications not answering: the region keeps its link."""
    return HTMLResponse("<p>down</p>", status_code=503)


SIZES = [("fr", 1280), ("fr", 390), ("en", 1280), ("en", 390)]


@pytest.fixture(scope="module")
async def live(database_url, amqp_url):
    app = create_app(SERVICE, SERVICE.settings(DATABASE_URL=database_url, AMQP_URL=amqp_url,
                                               **GENEROUS))
    app.include_router(assets)  # identity serves /assets/ behind the front door
    app.include_router(STAND_INS)  # onboarding and notifications behind the front door
    async with served_in_task(app) as url:
        yield url


@pytest.fixture(scope="module")
async def people(prospects):
    """A qualified prospect with a story, and a new one (its file has the qualify form)."""
    client, staff = prospects.client, prospects.staff()
    rich = person(first_name="Lotte", last_name="Bakker", phone="+31 6 1234 5678",
                  origin_city="Rotterdam", origin_country="NL", profession="UX designer",
                  sector="digital", household_adults=2, household_children=2,
                  desired_villages=["32233", "32160"], move_horizon="within_a_year",
                  locale="en", message="We are looking for a house with a garden, near a "
                                       "school, and a good internet connection.")
    qualified = (await client.post("/api/contacts", json=rich)).json()["prospect_id"]
    for call in (client.put(f"/api/prospects/{qualified}/assignee",
                            json={"assigned_to": "Marie Dupont"}, headers=staff),
                 client.post(f"/api/prospects/{qualified}/stage", json={"stage": "contacted"},
                             headers=staff),
                 client.post(f"/api/prospects/{qualified}/notes", json={
                     "text": "Visio on Tuesday: both work remotely for Dutch firms."},
                     headers=staff),
                 client.post(f"/api/prospects/{qualified}/qualify", json={
                     "remote_work_viability": "confirmed", "household_adults": 2,
                     "household_children": 2, "target_villages": ["32233"],
                     "move_horizon": "within_a_year", "sector": "digital",
                     "notes": "Visit planned in spring."}, headers=staff)):
        assert (await call).status_code in (200, 201), "the story is told"
    fresh = (await client.post("/api/contacts", json=person(
        first_name="Camille", message="Nous aimerions visiter Marciac.",
        desired_villages=["32233"]))).json()["prospect_id"]
    return {"qualified": qualified, "new": fresh}


@pytest.mark.parametrize("lang, width", SIZES)
async def test_the_file_and_the_erase_confirmation_pass_axe(browser, live, people, lang,
                                                             width):
    pages = [(f"/staff/prospects/{people['qualified']}", f"staff-prospect-file-{lang}"),
             (f"/staff/prospects/{people['new']}", f"staff-prospect-file-new-{lang}"),
             (f"/staff/prospects/{people['qualified']}/erase", f"staff-prospect-erase-{lang}"),
             (f"/staff/prospects/{people['qualified']}/export",
              f"staff-prospect-export-{lang}")]
    for path, name in pages:
        context, page = await opened_with(browser, f"{live}{path}?lang={lang}", lang=lang, width=width,
                                               headers=IDENTITY, name=name)
        try:
            assert await page.locator("html").get_attribute("lang") == lang
            assert await serious_violations(page) == [], path
            assert await horizontal_overflow(page) == 0, path
        finally:
            await context.close()


async def test_a_note_added_with_the_keyboard_alone(browser, live, people):
    context, page = await opened_with(browser, f"{live}/staff/prospects/{people['new']}", lang="fr",
                                       width=390, headers=IDENTITY)
    try:
        await page.get_by_label("Note", exact=True).focus()
        await page.keyboard.type("Rappeler jeudi")
        await page.keyboard.press("Tab")
        assert await page.evaluate("document.activeElement.textContent") == "Ajouter la note"
        await page.keyboard.press("Enter")
        await page.wait_for_url("**done=note**")
        assert "La note est ajoutée" in await page.get_by_role("status").inner_text()
        assert "Rappeler jeudi" in await page.get_by_test_id("timeline").inner_text()
    finally:
        await context.close()


async def test_the_regions_other_services_fill_are_swapped_in_or_keep_their_link(browser,
                                                                                  live,
                                                                                  people):
    context, page = await opened_with(browser, f"{live}/staff/prospects/{people['new']}", lang="fr",
                                       width=1280, headers=IDENTITY)
    try:
        case = page.get_by_test_id("installation-case")
        await case.get_by_text("Village choisi : Marciac").wait_for(timeout=10_000)
        assert await case.locator("li").count() == 2
        assert await case.get_by_role("link").count() == 0
        emails = page.get_by_test_id("emails-sent")
        assert await emails.get_by_role("link").inner_text() == "Voir les emails envoyés"
        for region in (case, emails):
            assert await region.get_attribute("aria-live") == "polite"
            assert await region.get_attribute("aria-busy") is None
        assert await page.get_by_role("heading", level=3,
                                      name="Dossier d'installation").count() == 1
        assert await serious_violations(page) == []
    finally:
        await context.close()
