"""The staff back office, acted in the browser only, through `soho up`'s front door.

Camille Roussel, a translator in Bordeaux, sends the public form. A member of staff,
signed in, has the pipeline board open: the new contact appears without a reload. They
open the file, add a note, assign it to themself and qualify it (the score shows). The
installation case appears; they complete its checklist, set the first ranked village's
welcome committee, install the household there; the committee's arrival email reaches the
SMTP server; the figures page shows one more solo and the household's inhabitants.

No API is called on the household's behalf: only the browser's clicks and keys. The test
reads the database and the SMTP sink only to wait for asynchronous outcomes."""

import re
import uuid

import pytest
from playwright.async_api import Page, expect

from tests.support.household import paris_today
from tests.support.platform_process import running_platform
from tests.support.sign_in import signed_in_staff
from tests.support.waiting import wait_for

PATIENCE = 120.0  # seconds for each asynchronous outcome: the machine is slow and shared
SESSION_COOKIE = "soho_session"


@pytest.fixture(scope="module")
async def platform(database_url, amqp_url, tmp_path_factory):
    async with running_platform(tmp_path_factory.mktemp("staff-journey"),
                                env={"PROSPECTS_FORM_MIN_SECONDS": "0"}) as platform:
        await platform.wait_ready(timeout=180)
        yield platform


async def figure(page: Page, key: str) -> int:
    text = await page.locator(f"[data-figure={key}] .value").inner_text()
    return int(re.sub(r"\D", "", text) or 0)


async def send_the_public_form(browser, front: str, who: dict) -> None:
    context = await browser.new_context(locale="fr-FR")
    try:
        page = await context.new_page()
        await page.goto(f"{front}/")
        await page.locator("#first_name").fill(who["first"])
        await page.locator("#last_name").fill(who["last"])
        await page.locator("#email").fill(who["email"])
        await page.locator("#origin_city").fill("Bordeaux")
        await page.locator("#origin_country").select_option("FR")
        await page.locator("#profession").fill("Traductrice")
        await page.locator("#household_adults").fill("2")
        await page.locator("#household_children").fill("1")
        await page.locator("#consent").check()
        await page.locator("main form button[type=submit]").click()
        await expect(page.get_by_role("heading", level=1)).to_be_visible(
            timeout=PATIENCE * 1000)
        assert "/confirmation" in page.url, await page.locator("main").inner_text()
    finally:
        await context.close()


async def the_case_from_checklist_to_installation(page: Page, front: str, prospect_url: str,
                                                  platform, who: dict) -> None:
    """From the cases list to an installed household; the committee told by email."""
    async def case_listed() -> bool:
        await page.goto(f"{front}/staff/cases/")
        return await page.locator("[data-testid=case-row]", has_text=who["last"]).count() == 1

    await wait_for(case_listed, timeout=PATIENCE, interval=1.0, message="the case in the list")
    await page.locator("[data-testid=case-row] a", has_text=who["last"]).click()
    await expect(page.get_by_test_id("checklist")).to_be_visible()
    case_url = page.url

    # The checklist: each step whose prerequisites are met, completed in turn.
    complete = page.locator("[data-testid=checklist] form[action$='/complete'] button")
    for _ in range(12):
        if await complete.count() == 0:
            break
        await complete.first.click()
        await expect(page.get_by_test_id("done")).to_be_visible()
    assert await complete.count() == 0
    steps = page.locator("[data-testid=checklist] > li")
    assert await steps.count() >= 7
    assert await page.locator("[data-testid=checklist] > li.step-done").count() \
        == await steps.count(), "every step done"

    # The first ranked village: its committee set from its page, then the household
    # installed there.
    village = page.locator("#form-install #village")
    insee = await village.input_value()
    first_ranked = page.locator("#form-install #village optgroup").first.locator("option").first
    assert await first_ranked.get_attribute("value") == insee, "the first ranked, preselected"
    village_name = (await first_ranked.inner_text()).split(". ", 1)[1].strip()
    committee = f"accueil.{insee}.{uuid.uuid4().hex[:6]}@example.org"
    await page.goto(f"{front}/staff/villages/{insee}")
    await page.locator("#form-committee #email").fill(committee)
    await page.locator("#form-committee #locale").select_option("fr")
    await page.locator("#form-committee button[type=submit]").click()
    await expect(page.locator("main")).to_contain_text(committee)

    await page.goto(case_url)
    await page.locator("#form-install #installed_on").fill(paris_today().isoformat())
    await page.locator("#form-install #household_size").fill("3")
    await page.locator("#form-install button[type=submit]").click()
    await expect(page.get_by_test_id("installed")).to_contain_text(village_name)

    # The committee's arrival email reaches the SMTP server.
    await wait_for(lambda: [m for m in platform.mails_to(committee)
                            if " ".join(str(m["Subject"]).split()).startswith(
                                f"Un foyer arrive à {village_name}")],
                   timeout=PATIENCE, interval=0.5, message="the committee's arrival email")

    # The prospect's file shows the case's steps in its timeline (htmx, from onboarding).
    await page.goto(prospect_url)
    await expect(page.get_by_test_id("installation-case")).to_contain_text(village_name,
                                                                          timeout=30_000)
    # ... and the emails sent about the person (from notifications): at least the
    # acknowledgement of their contact, sent.
    sent = page.locator("[data-testid=emails-sent] li[data-status=sent]")
    await expect(sent.first).to_be_visible(timeout=30_000)


async def test_staff_take_a_contact_from_the_board_to_an_installed_household(
        platform, browser):
    front = platform.url("front-door")
    who = {"first": "Camille", "last": f"Roussel-{uuid.uuid4().hex[:5]}",
           "email": f"camille.{uuid.uuid4().hex[:8]}@example.org"}
    staff_email = f"lea.{uuid.uuid4().hex[:8]}@example.org"
    async with signed_in_staff(platform, staff_email, name="Léa Staff") as client:
        context = await browser.new_context(locale="fr-FR",
                                            viewport={"width": 1280, "height": 900})
        await context.add_cookies([{"name": SESSION_COOKIE, "url": front,
                                    "value": client.cookies[SESSION_COOKIE]}])
    page = await context.new_page()
    try:
        # The figures before, read on the staff's figures page.
        await page.goto(f"{front}/staff/")
        solos_before = await figure(page, "installed_solos")
        inhabitants_before = await figure(page, "new_inhabitants")

        # The board is open when the contact arrives; the card appears without a reload.
        await page.goto(f"{front}/staff/prospects/")
        marker = await page.evaluate("() => (window.__soho_marker = Math.random())")
        await send_the_public_form(browser, front, who)
        card = page.locator("[data-testid=card]", has_text=who["last"])
        await expect(card).to_be_visible(timeout=PATIENCE * 1000)
        assert await page.evaluate("() => window.__soho_marker") == marker, "no reload"

        # The prospect's file: a note, assigned to me, qualified with its score.
        await card.get_by_role("link", name=f"{who['first']} {who['last']}").click()
        await expect(page.get_by_role("heading", level=1)).to_have_text(
            f"{who['first']} {who['last']}")
        prospect_url = page.url
        await page.locator("#form-note textarea[name=text]").fill(
            "Appel le 3 : cherche une maison avec jardin près d'une école.")
        await page.locator("#form-note button[type=submit]").click()
        await expect(page.locator("main")).to_contain_text("cherche une maison avec jardin")
        await page.locator("form.also button[type=submit]").click()
        await expect(page.get_by_test_id("assignee")).to_have_text("Léa Staff")
        await page.locator("#form-qualify #remote_work_viability").select_option("confirmed")
        await page.locator("#form-qualify #village_1").fill("Marciac")
        await page.locator("#form-qualify #move_horizon").select_option(index=1)
        await page.locator("#form-qualify button[type=submit]").click()
        await expect(page.get_by_test_id("stage")).to_have_text(re.compile("[Qq]ualifi"))
        await expect(page.locator(".file-status")).to_contain_text("Score")

        await the_case_from_checklist_to_installation(page, front, prospect_url, platform, who)

        # The figures page counts one more solo and the household's three people.
        async def figures_moved() -> bool:
            await page.goto(f"{front}/staff/")
            return (await figure(page, "installed_solos") == solos_before + 1
                    and await figure(page, "new_inhabitants") == inhabitants_before + 3)

        await wait_for(figures_moved, timeout=PATIENCE, interval=1.0,
                       message="the figures page counting the household")
    finally:
        await context.close()
