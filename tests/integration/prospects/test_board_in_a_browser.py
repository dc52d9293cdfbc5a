"""The pipeline board in headless Chromium, as staff see it behind the front door (the
front door's X-Soho-Identity sent by the browser context; the shared stylesheet and htmx
served by the app itself here, as identity serves them at /assets/ behind the front door):
axe-core finds no serious or critical violation in French and English at 1280 and 390 px,
nothing scrolls sideways, a card moves with the keyboard alone without a reload, and a new
contact appears without a reload. SOHO_SCREENSHOTS_DIR=docs/screenshots keeps
staff-board-<lang>-<width>.png."""

import os
import uuid

import httpx
import pytest

from services.prospects.app import SERVICE
from shared.auth import FORWARDED_IDENTITY, Role, issue_token
from shared.http.app import create_app
from shared.web import assets
from tests.support.page_checks import (MAX_PAGE_BYTES, horizontal_overflow, keep_screenshot,
                                       serious_violations)
from tests.support.waiting import wait_for

from .conftest import GENEROUS
from .live_server import served_in_task

SECRET = os.environ["SOHO_SECRET"]
STAFF = {"Authorization": "Bearer " + issue_token(SECRET, Role.STAFF, sub="test-staff")}
QUALIFICATION = {"remote_work_viability": "confirmed", "household_adults": 2,
                 "household_children": 1, "target_villages": ["32233", "32013"],
                 "move_horizon": "within_6_months", "sector": "engineering"}
PEOPLE = [  # (first name, last name, the contact's fields, where staff took it)
    ("Lotte", "Bakker", {"origin_city": "Utrecht", "origin_country": "NL",
                         "sector": "creative", "household_adults": 1,
                         "household_children": 0, "desired_villages": ["32233"]}, "new"),
    ("Hélène", "Zidane", {"origin_city": "Lyon", "origin_country": "FR",
                          "sector": "digital", "household_adults": 2,
                          "household_children": 2,
                          "desired_villages": ["32013", "32160"]}, "new"),
    ("Owen", "Abbott", {"origin_city": "Leeds", "origin_country": "GB", "sector": "health"},
     "contacted"),
    ("Sanne", "de Vries", {"origin_city": "Gand", "origin_country": "BE",
                           "sector": "consulting", "household_adults": 2,
                           "household_children": 1}, "qualified"),
    ("Émile", "Martin", {"origin_city": "Paris", "origin_country": "FR",
                         "sector": "engineering"}, "installing"),
    ("Jonas", "Keller", {"origin_city": "Bern", "origin_country": "CH",
                         "sector": "finance"}, "lost"),
]


@pytest.fixture(scope="module")
async def live_board(database_url, amqp_url):
    app = create_app(SERVICE, SERVICE.settings(DATABASE_URL=database_url,
                                               AMQP_URL=amqp_url, **GENEROUS))
    app.include_router(assets.router)  # identity's /assets/, behind the front door
    async with served_in_task(app) as url:
        yield url


async def contact(client: httpx.AsyncClient, url: str, first: str, last: str,
                  **fields) -> str:
    tag = uuid.uuid4().hex[:8]
    body = {"first_name": first, "last_name": last, "consent": True,
            "email": f"{first.lower()}.{tag}@example.org"} | fields
    answer = await client.post(f"{url}/api/contacts", json=body)
    assert answer.status_code in (200, 201, 202), answer.text
    return answer.json()["prospect_id"]


async def pipeline(client: httpx.AsyncClient, url: str, who: str) -> dict[str, str]:
    """The people above, assigned to `who`, each at their stage."""
    ids = {}
    for first, last, fields, stage in PEOPLE:
        prospect_id = await contact(client, url, first, last, **fields)
        api = f"{url}/api/prospects/{prospect_id}"
        await client.put(f"{api}/assignee", json={"assigned_to": who}, headers=STAFF)
        moves = {"new": [], "contacted": [{"stage": "contacted"}], "qualified": ["qualify"],
                 "installing": ["qualify", {"stage": "installing"}],
                 "lost": [{"stage": "lost", "reason": "Staying in Bern"}]}[stage]
        for move in moves:
            answer = (await client.post(f"{api}/qualify", json=QUALIFICATION, headers=STAFF)
                      if move == "qualify" else
                      await client.post(f"{api}/stage", json=move, headers=STAFF))
            assert answer.status_code == 200, answer.text
        ids[first] = prospect_id
    return ids


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_the_board_passes_axe_fits_a_phone_and_moves_by_keyboard(browser, live_board,
                                                                       lang):
    who = f"Marie Dupont ({uuid.uuid4().hex[:4]})"
    async with httpx.AsyncClient(timeout=20) as client:
        ids = await pipeline(client, live_board, who)
        address = (f"{live_board}/staff/prospects/?assignee=to:{who}"
                   + ("&lang=en" if lang == "en" else ""))
        token = issue_token(SECRET, Role.STAFF, sub="marie", name="Marie Dupont")
        for width in (1280, 390):
            context = await browser.new_context(
                viewport={"width": width, "height": 900}, locale=f"{lang}-FR",
                extra_http_headers={FORWARDED_IDENTITY: token})
            try:
                page = await context.new_page()
                sizes: list[int] = []
                page.on("response", lambda r: sizes.append(int(r.headers.get(
                    "content-length") or 0)))
                loaded = await page.goto(address, wait_until="networkidle")
                sizes.append(len(await loaded.body()))
                assert await page.locator("#column-new [data-testid=card]").count() == 2
                await keep_screenshot(page, f"staff-board-{lang}")
                assert await serious_violations(page) == []
                assert await horizontal_overflow(page) == 0
                assert sum(sizes) < MAX_PAGE_BYTES, sizes
                if width == 1280:
                    await move_by_keyboard_and_see_a_new_contact(page, client, live_board,
                                                                 ids, who, lang)
            finally:
                await context.close()


async def move_by_keyboard_and_see_a_new_contact(page, client, url, ids, who, lang):
    await page.evaluate("window.notReloaded = true")
    card = page.locator(f"[data-id='{ids['Lotte']}']")
    select = card.get_by_label("Déplacer vers" if lang == "fr" else "Move to")
    await select.focus()
    await select.press("ArrowDown" if await select.input_value() != "contacted" else "Home")
    await select.select_option("contacted")  # what the arrow keys did, whatever the platform
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.id") == f"move-button-{ids['Lotte']}"
    await page.keyboard.press("Enter")
    await page.locator(f"#column-contacted [data-id='{ids['Lotte']}']").wait_for()
    assert await page.evaluate("window.notReloaded === true"), "swapped in, not reloaded"
    status = "Lotte Bakker" if lang == "fr" else "Lotte Bakker's file"
    assert status in await page.locator("#board-status").inner_text()
    # A new contact, assigned to the same person, appears at its next poll (every 10 s).
    newcomer = await contact(client, url, "Nadia", "Haddad", origin_country="MA")
    await client.put(f"{url}/api/prospects/{newcomer}/assignee", json={"assigned_to": who},
                     headers=STAFF)
    new_card = page.locator(f"#column-new [data-id='{newcomer}']")
    await wait_for(new_card.count, timeout=25, interval=0.5, message="the new contact shown")
    assert await page.evaluate("window.notReloaded === true")
