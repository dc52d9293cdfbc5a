"""Members and committees at the front door (issue 17), through `soho up`'s Caddy, in
Chromium wherever a person clicks.

A solo signs in by the link in her welcome email, books a desk for the next open morning in
a place's week, gets the confirmation with its `.ics`, checks in and cancels a booking; two
solos press the same slot: one books it, the other is told (409) and books the next free
desk offered. The committee of village A signs in by link, sees A's expected and installed
households and nothing of village B (403 on B's addresses), records "contact made", which
staff see on the case page; it previews then publishes its village page, which the public
page shows. Every page of the public site and of both areas, as each person sees it at
390 px in French and English, passes axe-core, fits the width and weighs under 200 KB with
what it loads.

Check-in opens 15 minutes before a booking starts, and a half-day slot can only be booked
before it starts: no check-in window can be reached at an arbitrary hour of the test. So,
as the sign-in test does for a link's expiry, the booking's start is moved into the window
in the database (the clock cannot be moved in `soho up`), then Check in is pressed."""

import asyncio
import os
import re
import uuid
from datetime import date, datetime, time, timedelta

import asyncpg
import httpx
import icalendar
import pytest
from playwright.async_api import expect

from services.bookings.domain.schedule import OpeningHours, PlaceSchedule
from shared.reference.calendar import PARIS
from tests.support import household as steps
from tests.support.household import Household, Village, paris_today
from tests.support.page_checks import MAX_PAGE_BYTES, horizontal_overflow, serious_violations
from tests.support.platform_process import running_platform
from tests.support.sign_in import (emailed_link, hidden_fields, identity_mails, post_form,
                                  signed_in_staff)
from tests.support.waiting import wait_for

PATIENCE = 120.0
SESSION_COOKIE = "soho_session"
VILLAGE_A = Village("32170", "Labarthète")  # no other test uses these two communes
VILLAGE_B = Village("32180", "Lagraulet-du-Gers")
WEEKDAYS_8_TO_20 = [{"weekday": d, "opens": "08:00", "closes": "20:00"} for d in range(5)]
MORNING, AFTERNOON = (time(8), time(13)), (time(13), time(20))


@pytest.fixture(scope="module")
async def platform(database_url, amqp_url, tmp_path_factory):
    async with running_platform(tmp_path_factory.mktemp("members-committees"),
                                env={"PROSPECTS_FORM_MIN_SECONDS": "0"}) as platform:
        await platform.wait_ready(timeout=180)
        yield platform


def unique(name: str) -> str:
    return f"{name}.{uuid.uuid4().hex[:8]}@example.org"


def next_open_day(hours: list[dict]) -> date:
    """Tomorrow, or the first day after it the place opens (the pages' own rule: its week,
    public holidays closed)."""
    schedule = PlaceSchedule(tuple(OpeningHours(h["weekday"], time.fromisoformat(h["opens"]),
                                                time.fromisoformat(h["closes"]))
                                   for h in hours))
    day = paris_today() + timedelta(days=1)
    while schedule.opening_on(day) is None:
        day += timedelta(days=1)
    return day


def slot_value(desk: str, day: date, hours: tuple[time, time]) -> str:
    """What a slot's button in the week sends: "desk start end" (Paris time)."""
    start, end = (datetime.combine(day, h, tzinfo=PARIS).isoformat() for h in hours)
    return f"{desk} {start} {end}"


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


# The world: village A with a committee, a place with two desks, households ----------------

async def household_in(client, platform, village: Village, first_name: str, *,
                       install: bool) -> dict:
    person = Household(first_name=first_name, last_name="Vermeulen", email=unique("solo"),
                       villages=(village,), sector="digital", origin_country="NL")
    ids = await steps.submit_contact(client, platform, person)
    await steps.qualify(client, platform, ids.prospect_id, person)
    case = await steps.wait_for_case(client, platform, ids.prospect_id, timeout=PATIENCE)
    found = {"email": person.email, "case_id": case["id"], "first_name": first_name}
    if install:
        await steps.prepare_case(client, platform, case["id"], children=0)
        found["member_id"] = await steps.install(client, platform, case["id"], village, 1)
        await steps.wait_for_member(client, platform, found["member_id"], timeout=PATIENCE)
    return found


@pytest.fixture(scope="module")
async def world(platform):
    committee_email = unique("accueil.labarthete")
    async with httpx.AsyncClient(timeout=30) as client:
        for village in (VILLAGE_A, VILLAGE_B):  # host villages, as staff decide
            answer = await client.patch(
                f"{platform.url('onboarding')}/api/villages/{village.insee_code}",
                json={"host_status": "host"}, headers=platform.staff_headers())
            assert answer.status_code == 200, answer.text
        await steps.set_committee(client, platform, VILLAGE_A.insee_code, committee_email)
        place = await client.post(f"{platform.url('bookings')}/api/telecentres", json={
            "kind": "telecentre", "name": f"Télécentre de Labarthète {uuid.uuid4().hex[:4]}",
            "insee_code": VILLAGE_A.insee_code, "commune": VILLAGE_A.name,
            "address": "1 place de la Mairie, 32400 Labarthète",
            "opening_hours": WEEKDAYS_8_TO_20}, headers=platform.staff_headers())
        assert place.status_code == 201, place.text
        place_id = place.json()["id"]
        desks = []
        for n in (1, 2):
            desk = await client.post(
                f"{platform.url('bookings')}/api/telecentres/{place_id}/desks",
                json={"kind": "hot_desk", "name": f"Poste {n}", "capacity": 1,
                      "booking_mode": "half_day"}, headers=platform.staff_headers())
            assert desk.status_code == 201, desk.text
            desks.append(desk.json()["id"])
        first, second, expected, elsewhere = await asyncio.gather(
            household_in(client, platform, VILLAGE_A, "Maaike", install=True),
            household_in(client, platform, VILLAGE_A, "Joost", install=True),
            household_in(client, platform, VILLAGE_A, "Sanne", install=False),
            household_in(client, platform, VILLAGE_B, "Hendrik", install=False))
    conn = await asyncpg.connect(os.environ["DATABASE_URL"])
    try:
        await wait_for(lambda: conn.fetchval(
            "SELECT count(*) FROM identity.accounts WHERE email = $1 AND village = $2",
            committee_email, VILLAGE_A.insee_code), timeout=PATIENCE,
            message="the committee's account")
    finally:
        await conn.close()
    return {"committee": committee_email, "place": place_id, "desks": desks,
            "solos": (first, second), "expected": expected, "elsewhere": elsewhere}


@pytest.fixture
def front(platform) -> str:
    return platform.url("front-door")


# Browsers ---------------------------------------------------------------------------------

async def signed_in_solo(browser, platform, front: str, solo: dict):
    """A Chromium context where the solo followed her welcome link and pressed its button."""
    link = await emailed_link(platform, solo["email"], "welcome_member", timeout=PATIENCE)
    context = await browser.new_context(viewport={"width": 1280, "height": 900},
                                        locale="fr-FR")
    page = await context.new_page()
    await page.goto(link)
    await page.locator("main form button[type=submit]").click()
    await page.wait_for_url(f"{front}/members/")
    await expect(page.get_by_test_id("person-name")).to_have_text(solo["first_name"])
    return context, page


async def weight(context, url: str) -> tuple[int, int]:
    """(status, bytes of every response body) of `url` opened in a new tab of `context`."""
    sizes: list[int] = []

    async def count(response) -> None:
        try:
            sizes.append(len(await response.body()))
        except Exception:  # a redirect has no body
            pass

    page = await context.new_page()
    try:
        page.on("response", count)
        answer = await page.goto(url, wait_until="networkidle")
        return answer.status, sum(sizes)
    finally:
        await page.close()


async def assert_light(context, front: str, paths: list[str]) -> None:
    for path in paths:
        status, size = await weight(context, f"{front}{path}")
        assert status == 200, (path, status)
        assert 0 < size < MAX_PAGE_BYTES, (path, size)


async def open_week(page, front: str, place: str, day: date) -> None:
    """From the list of places to the place's week holding `day`, by clicking."""
    await page.goto(f"{front}/members/book")
    await page.locator(f"main a[href='/members/book/{place}']").first.click()
    await page.wait_for_url(re.compile(rf"/members/book/{place}"))
    if await page.locator(f"section[data-day='{day.isoformat()}']").count() == 0:
        await page.get_by_test_id("next-week").click()
    await expect(page.locator(f"section[data-day='{day.isoformat()}']")).to_be_visible()


def booking_in(url: str) -> str:
    found = re.search(r"[?&]booking=([0-9a-f-]{36})", url)
    assert found, url
    return found.group(1)


def confirmation_of(platform, email: str, booking: str):
    """The booking's confirmation email with its calendar entry attached, once sent."""
    def found():
        for mail in platform.mails_to(email):
            invites = [p for p in mail.iter_attachments()
                       if p.get_content_type() == "text/calendar"]
            body = mail.get_body(("plain",))
            if invites and body and booking in body.get_content():
                return mail, invites[0]
        return None
    return found


# 1. Booking ---------------------------------------------------------------------------------

async def test_a_solo_books_the_next_open_morning_checks_in_cancels_and_a_race_is_offered(
        platform, world, front, browser):
    place, (desk_one, desk_two) = world["place"], world["desks"]
    first, second = world["solos"]
    day = next_open_day(WEEKDAYS_8_TO_20)
    first_context, mine = await signed_in_solo(browser, platform, front, first)
    second_context, theirs = await signed_in_solo(browser, platform, front, second)
    try:
        # The next open morning, from the week view: booked, then confirmed by email.
        await open_week(mine, front, place, day)
        await mine.locator(f"button[value='{slot_value(desk_one, day, MORNING)}']").click()
        await mine.wait_for_url(re.compile(r"/members/bookings\?done=booked"))
        morning = booking_in(mine.url)
        await expect(mine.get_by_test_id("done")).to_contain_text("Poste 1")
        mail, invite = await wait_for(confirmation_of(platform, first["email"], morning),
                                      timeout=PATIENCE, message="the booking's confirmation")
        assert invite.get_filename().endswith(".ics")
        content = invite.get_content()
        [entry] = icalendar.Calendar.from_ical(
            content if isinstance(content, str) else content.decode()).walk("VEVENT")
        assert morning in str(entry["UID"])
        assert entry.decoded("DTSTART") == datetime.combine(day, MORNING[0], tzinfo=PARIS)

        # Both see the afternoon free; the second solo presses first.
        await open_week(mine, front, place, day)
        await open_week(theirs, front, place, day)
        contested = f"button[value='{slot_value(desk_one, day, AFTERNOON)}']"
        await theirs.locator(contested).click()
        await theirs.wait_for_url(re.compile(r"/members/bookings\?done=booked"))
        answer_to = asyncio.get_running_loop().create_future()
        mine.once("response", lambda r: answer_to.done() or answer_to.set_result(r.status))
        await mine.locator(contested).click()
        assert await asyncio.wait_for(answer_to, PATIENCE) == 409
        await expect(mine.get_by_test_id("taken")).to_be_visible()
        await expect(mine.get_by_test_id("offer")).to_contain_text("Poste 2")
        await mine.get_by_test_id("book-offer").click()
        await mine.wait_for_url(re.compile(r"/members/bookings\?done=booked"))
        offered = booking_in(mine.url)

        # Check-in: the morning's start moved into its window (see the module's docstring).
        conn = await asyncpg.connect(os.environ["DATABASE_URL"])
        try:
            moved = await conn.execute(
                "UPDATE bookings.bookings SET starts_at = now() + interval '5 minutes' "
                "WHERE id = $1 AND status = 'booked'", uuid.UUID(morning))
            assert moved == "UPDATE 1"
            await mine.goto(f"{front}/members/bookings")
            await mine.locator(f"li[data-booking='{morning}'] [data-testid=check-in]").click()
            await mine.wait_for_url(re.compile(r"done=checked_in"))
            await expect(mine.locator(f"li[data-booking='{morning}'] [data-testid=status]")
                         ).to_have_text("Présence enregistrée")
            assert await conn.fetchval("SELECT status FROM bookings.bookings WHERE id = $1",
                                       uuid.UUID(morning)) == "checked_in"

            # Cancel the other one.
            await mine.locator(f"li[data-booking='{offered}'] [data-testid=cancel]").click()
            await mine.wait_for_url(re.compile(r"done=cancelled"))
            await expect(mine.get_by_test_id("done")).to_be_visible()
            assert await conn.fetchval("SELECT status FROM bookings.bookings WHERE id = $1",
                                       uuid.UUID(offered)) == "cancelled"
            assert await conn.fetchval(
                "SELECT count(*) FROM bookings.bookings WHERE resource_id = $1 "
                "AND status IN ('booked', 'checked_in')", uuid.UUID(desk_one)) == 2
        finally:
            await conn.close()

        # 4. Every members' page, through the front door, under 200 KB.
        await assert_light(first_context, front, [
            "/members/", "/members/book", f"/members/book/{place}?week={iso_week(day)}",
            "/members/bookings"])
    finally:
        await first_context.close()
        await second_context.close()


# 2 and 3. The committee ---------------------------------------------------------------------

async def test_a_committee_sees_its_village_only_records_contact_and_publishes_its_page(
        platform, world, front, browser):
    a, b = VILLAGE_A.insee_code, VILLAGE_B.insee_code
    expected, elsewhere = world["expected"], world["elsewhere"]
    async with httpx.AsyncClient(timeout=30) as client:
        asked = await post_form(client, f"{front}/sign-in", "/sign-in/link",
                                {"email": world["committee"]})
        assert asked.status_code == 200
        link = await emailed_link(platform, world["committee"], "sign_in", timeout=PATIENCE)
        client.cookies.clear()
        entered = await post_form(client, link, httpx.URL(link).path, {})
        assert entered.status_code == 303
        for path in (f"/committees/villages/{b}", f"/committees/villages/{b}/page"):
            refused = await client.get(f"{front}{path}")
            assert refused.status_code == 403, path
            assert elsewhere["first_name"] not in refused.text
        # B's household with a good CSRF field from A's page: 403 too.
        own = await client.get(f"{front}/committees/villages/{a}")
        token = hidden_fields(own.text, "/sign-out")["csrftoken"]
        forged = await client.post(f"{front}/committees/villages/{b}/households/"
                                   f"{elsewhere['case_id']}/contact",
                                   data={"csrftoken": token})
        assert forged.status_code == 403 and "Accès refusé" in forged.text, forged.text[:300]
        session = client.cookies[SESSION_COOKIE]

    context = await browser.new_context(viewport={"width": 1280, "height": 900},
                                        locale="fr-FR")
    await context.add_cookies([{"name": SESSION_COOKIE, "value": session, "url": front}])
    try:
        page = await context.new_page()
        await page.goto(f"{front}/committees/")
        await page.wait_for_url(f"{front}/committees/villages/{a}")
        await expect(page.get_by_test_id("expected")).to_contain_text(expected["first_name"])
        installed = page.get_by_test_id("installed")
        for solo in world["solos"]:
            await expect(installed).to_contain_text(solo["first_name"])
        assert elsewhere["first_name"] not in await page.locator("main").inner_text()

        contact = (f"form[action='/committees/villages/{a}/households/"
                   f"{expected['case_id']}/contact']")
        await page.locator(f"{contact} button").click()
        await page.wait_for_url(re.compile(r"done=contact"))
        card = page.locator("li.household", has=page.locator(contact))
        await expect(card.get_by_test_id("contact-made")).to_be_visible()

        # The village page: previewed (nothing public yet), then published.
        welcome_fr = f"Bienvenue à Labarthète, {uuid.uuid4().hex[:6]} : le marché du mardi."
        welcome_en = "Welcome to Labarthète: market on Tuesdays."
        await page.get_by_test_id("page-link").click()
        await page.wait_for_url(f"{front}/committees/villages/{a}/page")
        await page.locator("#welcome_fr").fill(welcome_fr)
        await page.locator("#welcome_en").fill(welcome_en)
        await page.locator("#page-form button[value=preview]").click()
        await expect(page.get_by_test_id("preview")).to_contain_text(welcome_fr)
        async with httpx.AsyncClient(timeout=30) as public:
            before = await public.get(f"{front}/villages/{a}")
            assert before.status_code == 200 and welcome_fr not in before.text
        await page.locator("#page-form button[value=publish]").click()
        await page.wait_for_url(re.compile(r"done=published"))
        await expect(page.get_by_test_id("done")).to_be_visible()

        await assert_light(context, front, [f"/committees/villages/{a}",
                                            f"/committees/villages/{a}/page"])
    finally:
        await context.close()

    # Staff see the contact on the case page.
    async with signed_in_staff(platform, unique("staff"), name="Claire Staff") as staff:
        case_page = await staff.get(f"{front}/staff/cases/{expected['case_id']}")
    assert case_page.status_code == 200
    made_on = paris_today()
    assert re.search(rf"Comité de {VILLAGE_A.name}\s*:\s*contact pris le {made_on.day}",
                     case_page.text), "the committee's contact on the case page"

    # The public page, without any session, in French and English; light.
    public = await browser.new_context(viewport={"width": 1280, "height": 900},
                                       locale="fr-FR")
    try:
        page = await public.new_page()
        await page.goto(f"{front}/villages/")
        await page.locator(f"main a[href='/villages/{a}']").first.click()
        await page.wait_for_url(f"{front}/villages/{a}")
        await expect(page.locator("main")).to_contain_text(welcome_fr)
        await page.goto(f"{front}/villages/{a}?lang=en")
        await expect(page.locator("main")).to_contain_text(welcome_en)
        await assert_light(public, front, ["/villages/", f"/villages/{a}",
                                           f"/villages/{a}?lang=en"])
    finally:
        await public.close()


# 4. Every page of the public site and of both areas ----------------------------------------

async def session_cookie(platform, front: str, email: str) -> str:
    """The session of a person who asked for a sign-in link and pressed its button."""
    sent_before = len(identity_mails(platform, email, "sign_in"))
    async with httpx.AsyncClient(timeout=30) as client:
        asked = await post_form(client, f"{front}/sign-in", "/sign-in/link", {"email": email})
        assert asked.status_code == 200
        link = await emailed_link(platform, email, "sign_in", count=sent_before + 1,
                                  timeout=PATIENCE)
        client.cookies.clear()
        entered = await post_form(client, link, httpx.URL(link).path, {})
        assert entered.status_code == 303, entered.text[:300]
        return client.cookies[SESSION_COOKIE]


async def test_every_page_of_the_public_site_and_both_areas_is_accessible_light_and_fits_a_phone(
        platform, world, front, browser):
    """Through the front door, as each person sees it, at 390 px in French and English:
    axe-core finds no serious or critical violation, nothing scrolls sideways, and each page
    weighs under 200 KB with what it loads (htmx regions filled)."""
    a, place = VILLAGE_A.insee_code, world["place"]
    week = iso_week(next_open_day(WEEKDAYS_8_TO_20))
    solo = world["solos"][1]["email"]
    people = {
        None: ["/", "/villages/", f"/villages/{a}", "/telecentres", f"/telecentres/{place}",
               "/key-figures", "/sign-in", "/sign-in/forgot"],
        solo: ["/members/", "/members/book", f"/members/book/{place}?week={week}",
               "/members/bookings", "/members/directory/", "/members/directory/card",
               "/members/follow-ups/1"],
        world["committee"]: [f"/committees/villages/{a}", f"/committees/villages/{a}/page",
                             "/committees/notifications", "/committees/contact"],
    }
    problems = []
    for email, paths in people.items():
        context = await browser.new_context(viewport={"width": 390, "height": 844},
                                            locale="fr-FR")
        if email is not None:
            await context.add_cookies([{"name": SESSION_COOKIE, "url": front,
                                        "value": await session_cookie(platform, front, email)}])
        try:
            page = await context.new_page()
            sizes: list[int] = []

            async def count(response) -> None:
                try:
                    sizes.append(len(await response.body()))
                except Exception:  # a redirect has no body
                    pass

            page.on("response", count)
            for path in paths:
                for lang in ("fr", "en"):
                    url = f"{front}{path}{'&' if '?' in path else '?'}lang={lang}"
                    sizes.clear()
                    answer = await page.goto(url, wait_until="networkidle")
                    where = f"{path} ({lang})"
                    if answer.status != 200:
                        problems.append(f"{where}: {answer.status}")
                        continue
                    assert await page.locator("html").get_attribute("lang") == lang, where
                    problems += [f"{where}: {v}" for v in await serious_violations(page)]
                    if overflow := await horizontal_overflow(page):
                        problems.append(f"{where}: {overflow} px too wide")
                    if not 0 < sum(sizes) < MAX_PAGE_BYTES:
                        problems.append(f"{where}: {sum(sizes)} bytes")
        finally:
            await context.close()
    assert problems == []
