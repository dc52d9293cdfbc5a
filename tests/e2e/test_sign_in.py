"""People sign in at the front door: staff with a password set from their invitation,
solos by the link in their welcome email, committees by a link they ask for. Everything
goes through `soho up`'s Caddy (http://127.0.0.1:<front door>), in Chromium where a person
would click, over plain HTTP where only the answers matter."""

import os
import re
import uuid

import asyncpg
import httpx
import pytest

from shared.auth import Role
from tests.support import household as steps
from tests.support.household import Household, Village
from tests.support.page_checks import (horizontal_overflow, keep_screenshot, looked_at,
                                       serious_violations)
from tests.support.platform_process import running_platform
from tests.support.sign_in import (GOOD_PASSWORD, emailed_link, hidden_fields, invite_staff,
                                   post_form, set_password, sign_in, signed_in_staff)
from tests.support.waiting import wait_for

PATIENCE = 120.0
MARCIAC = Village("32233", "Marciac")
MIRANDE = Village("32256", "Mirande")
SESSION_COOKIE = "soho_session"


@pytest.fixture(scope="module")
async def platform(database_url, amqp_url, tmp_path_factory):
    async with running_platform(tmp_path_factory.mktemp("sign-in"),
                                env={"PROSPECTS_FORM_MIN_SECONDS": "0"}) as platform:
        await platform.wait_ready(timeout=180)
        yield platform


@pytest.fixture
def front(platform) -> str:
    return platform.url("front-door")


def unique(name: str) -> str:
    return f"{name}.{uuid.uuid4().hex[:8]}@example.org"


async def database(platform) -> asyncpg.Connection:
    """The platform's database (soho up runs on the tests' DATABASE_URL)."""
    return await asyncpg.connect(os.environ["DATABASE_URL"])


async def installed_solo(platform, first_name: str = "Maïwenn") -> tuple[str, str]:
    """A household installed by staff through the APIs: (email, member id)."""
    person = Household(first_name=first_name, last_name="Le Gall", email=unique("solo"),
                       villages=(MARCIAC,), sector="digital", origin_country="FR")
    async with httpx.AsyncClient(timeout=30) as client:
        ids = await steps.submit_contact(client, platform, person)
        await steps.qualify(client, platform, ids.prospect_id, person)
        case = await steps.wait_for_case(client, platform, ids.prospect_id, timeout=PATIENCE)
        await steps.prepare_case(client, platform, case["id"], children=0)
        member_id = await steps.install(client, platform, case["id"], MARCIAC, 1)
    return person.email, member_id


async def committee_of(platform, village: Village, email: str) -> None:
    """Staff set the village's committee (onboarding); identity opens its account."""
    async with httpx.AsyncClient(timeout=30) as client:
        await steps.set_committee(client, platform, village.insee_code, email)
    conn = await database(platform)
    try:
        await wait_for(lambda: conn.fetchval(
            "SELECT count(*) FROM identity.accounts WHERE email = $1 AND village = $2",
            email, village.insee_code), timeout=PATIENCE, message="the committee's account")
    finally:
        await conn.close()


async def signed_in_by_link(client: httpx.AsyncClient, link: str) -> httpx.Response:
    """Press the one button of the link's page."""
    return await post_form(client, link, httpx.URL(link).path, {})


async def refused_link(client: httpx.AsyncClient, front: str, link: str) -> None:
    """The link's page says it no longer works, and pressing its button anyway (with a
    good CSRF field, from the sign-in page) opens no session."""
    page = await client.get(link)
    assert page.status_code == 410 and 'name="email"' in page.text, "offers a new link"
    fields = hidden_fields((await client.get(f"{front}/sign-in")).text, "/sign-in/link")
    pressed = await client.post(link, data={"csrftoken": fields["csrftoken"]})
    assert pressed.status_code in (400, 410)
    assert SESSION_COOKIE not in client.cookies


async def browser_with_session(browser, client: httpx.AsyncClient, front: str, *,
                               width: int = 1280, locale: str = "fr-FR"):
    context = await browser.new_context(viewport={"width": width, "height": 900},
                                        locale=locale)
    await context.add_cookies([{"name": SESSION_COOKIE, "value": client.cookies[SESSION_COOKIE],
                                "url": front}])
    return context


# Staff ----------------------------------------------------------------------------------

async def test_invited_staff_sets_a_password_signs_in_sees_their_name_and_signs_out(
        platform, front, browser):
    email = unique("anne")
    printed = await invite_staff(platform, email, name="Anne Lafitte")
    emailed = await emailed_link(platform, email, "invitation", timeout=PATIENCE)
    assert printed == emailed and printed.startswith(f"{front}/password/")

    context = await browser.new_context(locale="fr-FR")
    page = await context.new_page()
    await page.goto(emailed)
    await page.fill("input[name=password]", GOOD_PASSWORD)
    await page.fill("input[name=password_again]", GOOD_PASSWORD)
    await page.locator("main form button[type=submit]").first.click()
    await page.wait_for_load_state()
    await context.clear_cookies()

    # A page that needs a session sends to the sign-in page, then back to it.
    await page.goto(f"{front}/staff/")
    assert "/sign-in" in page.url
    await page.fill("form[action='/sign-in'] input[name=email]", email)
    await page.fill("form[action='/sign-in'] input[name=password]", GOOD_PASSWORD)
    await page.locator("form[action='/sign-in'] button[type=submit]").click()
    await page.wait_for_url(f"{front}/staff/")
    assert await page.get_by_test_id("person-name").inner_text() == "Anne Lafitte"
    session = next(c["value"] for c in await context.cookies() if c["name"] == SESSION_COOKIE)

    await page.locator("form[action='/sign-out'] button").click()
    await page.wait_for_load_state()
    assert "/sign-in" in page.url
    await page.go_back()
    await page.wait_for_load_state()
    assert "Anne Lafitte" not in await page.content(), "the back button shows nothing private"
    await context.close()

    # The old cookie opens nothing: signing out ended the session itself.
    async with httpx.AsyncClient(timeout=30, cookies={SESSION_COOKIE: session}) as client:
        again = await client.get(f"{front}/staff/")
    assert again.status_code == 303 and again.headers["location"].startswith("/sign-in")


async def test_a_wrong_password_five_times_is_slowed_and_logged(platform, front):
    email = unique("bruno")
    async with httpx.AsyncClient(timeout=30) as client:
        await set_password(client, await invite_staff(platform, email, name="Bruno"))
        client.cookies.clear()
        for _ in range(5):
            refused = await sign_in(client, front, email, "not the right one at all")
            assert refused.status_code == 401
        slowed = await sign_in(client, front, email)  # even the right password, for now
        assert slowed.status_code == 429 and int(slowed.headers["Retry-After"]) > 0
    async with signed_in_staff(platform, unique("admin"), admin=True) as admin:
        audit = await admin.get(f"{front}/staff/accounts/audit")
    assert audit.status_code == 200
    assert audit.text.count(email) >= 6
    assert "sign_in_slowed" in audit.text or "ralenti" in audit.text


async def test_no_session_sends_pages_to_sign_in_and_refuses_the_rest(platform, front):
    async with httpx.AsyncClient(timeout=30) as client:
        page = await client.get(f"{front}/staff/?lang=en")
        assert page.status_code in (302, 303)
        assert httpx.URL(page.headers["location"]).path == "/sign-in"
        assert "next=" in page.headers["location"]
        for path in ("/staff/api/kpis", "/members/", "/committees/"):
            answer = await client.get(f"{front}{path}")
            assert answer.status_code in (302, 303, 401), path
        # A forged identity header is dropped by the front door.
        forged = await client.get(f"{front}/staff/", headers={
            "X-Soho-Identity": platform.token(Role.STAFF, name="Mallory")})
        assert forged.status_code in (302, 303)


async def test_sign_out_everywhere_ends_every_session(platform, front):
    email = unique("chloe")
    async with signed_in_staff(platform, email, name="Chloé") as first:
        async with httpx.AsyncClient(timeout=30) as second:
            assert (await sign_in(second, front, email)).status_code == 303
            assert (await second.get(f"{front}/staff/")).status_code == 200
            ended = await post_form(first, f"{front}/staff/", "/sign-out/everywhere", {})
            assert ended.status_code == 303
            assert (await second.get(f"{front}/staff/")).status_code == 303


# Solos and committees ---------------------------------------------------------------------

async def test_a_solo_follows_the_welcome_link_presses_the_button_and_lands_signed_in(
        platform, front, browser):
    email, _member = await installed_solo(platform)
    link = await emailed_link(platform, email, "welcome_member", timeout=PATIENCE)
    assert link.startswith(f"{front}/sign-in/link/")

    context = await browser.new_context(locale="fr-FR")
    page = await context.new_page()
    await page.goto(link)  # what a mail scanner does: it signs nothing in
    await page.goto(f"{front}/members/")
    assert "/sign-in" in page.url
    await page.goto(link)
    await page.locator("main form button[type=submit]").click()
    await page.wait_for_url(f"{front}/members/")
    assert await page.get_by_test_id("person-name").inner_text() == "Maïwenn"
    await context.close()

    async with httpx.AsyncClient(timeout=30) as client:  # the second time it fails
        await refused_link(client, front, link)


async def test_a_sign_in_link_fails_after_fifteen_minutes(platform, front):
    email, _member = await installed_solo(platform, "Lotte")
    async with httpx.AsyncClient(timeout=30) as client:
        asked = await post_form(client, f"{front}/sign-in", "/sign-in/link", {"email": email})
        assert asked.status_code == 200
    link = await emailed_link(platform, email, "sign_in", timeout=PATIENCE)
    conn = await database(platform)
    try:
        lifetime = await conn.fetchval(  # the link just asked for (the welcome's is older)
            "SELECT l.expires_at - l.created_at FROM identity.links l "
            "JOIN identity.accounts a ON a.id = l.account_id "
            "WHERE a.email = $1 AND l.purpose = 'sign_in' ORDER BY l.created_at DESC LIMIT 1",
            email)
        assert lifetime.total_seconds() == 15 * 60
        # Fifteen minutes later, as the clock would have it.
        await conn.execute(
            "UPDATE identity.links SET expires_at = now() - interval '1 second' "
            "FROM identity.accounts a WHERE a.id = account_id AND a.email = $1", email)
    finally:
        await conn.close()
    async with httpx.AsyncClient(timeout=30) as client:
        await refused_link(client, front, link)


async def test_a_committee_signs_in_by_link_and_sees_only_its_village(platform, front):
    email = unique("accueil.mirande")
    await committee_of(platform, MIRANDE, email)
    async with httpx.AsyncClient(timeout=30) as client:
        await post_form(client, f"{front}/sign-in", "/sign-in/link", {"email": email})
        link = await emailed_link(platform, email, "sign_in", timeout=PATIENCE)
        client.cookies.clear()
        entered = await signed_in_by_link(client, link)
        assert entered.status_code == 303
        home = await client.get(f"{front}/committees/", follow_redirects=True)
        assert home.status_code == 200 and str(home.url).endswith(
            f"/committees/villages/{MIRANDE.insee_code}")
        assert "Mirande" in home.text
        other = await client.get(f"{front}/committees/villages/{MARCIAC.insee_code}")
        assert other.status_code == 403
        assert (await client.get(f"{front}/staff/")).status_code == 403


async def test_asking_for_a_link_answers_the_same_whether_the_address_exists(platform, front):
    email = unique("accueil.known")
    await committee_of(platform, Village("32013", "Auch"), email)
    async with httpx.AsyncClient(timeout=30) as client:
        known = await post_form(client, f"{front}/sign-in", "/sign-in/link", {"email": email})
        unknown = await post_form(client, f"{front}/sign-in", "/sign-in/link",
                                  {"email": unique("nobody")})
    assert known.status_code == unknown.status_code == 200
    assert _same_words(known.text, unknown.text)
    await emailed_link(platform, email, "sign_in", timeout=PATIENCE)


def _same_words(a: str, b: str) -> bool:
    """The two pages say the same, apart from the address echoed and the CSRF values."""
    def strip(html: str) -> str:
        return re.sub(r'value="[^"]*"|[\w.+-]+@example\.org', "", html)
    return strip(a) == strip(b)


# Forms and cookies ---------------------------------------------------------------------------

async def test_a_post_without_its_csrf_field_is_refused_and_the_cookie_is_httponly_lax(
        platform, front):
    email = unique("dora")
    async with httpx.AsyncClient(timeout=30) as client:
        await set_password(client, await invite_staff(platform, email, name="Dora"))
        client.cookies.clear()
        await client.get(f"{front}/sign-in")  # the CSRF cookie, but no field in the POST
        bare = await client.post(f"{front}/sign-in",
                                 data={"email": email, "password": GOOD_PASSWORD})
        assert bare.status_code == 403
        assert SESSION_COOKIE not in client.cookies
        answer = await sign_in(client, front, email)
    assert answer.status_code == 303
    cookie = next(h for h in answer.headers.get_list("set-cookie")
                  if h.startswith(f"{SESSION_COOKIE}="))
    attributes = {part.strip().lower() for part in cookie.split(";")}
    assert "httponly" in attributes and "samesite=lax" in attributes and "path=/" in attributes
    async with httpx.AsyncClient(timeout=30) as stranger:  # no cookie at all
        refused = await stranger.post(f"{front}/sign-in",
                                      data={"email": email, "password": GOOD_PASSWORD})
    assert refused.status_code == 403


# Every page, in Chromium, in both languages -------------------------------------------------

async def test_every_sign_in_page_passes_axe_in_french_and_english(platform, front, browser):
    solo_email, _ = await installed_solo(platform, "Ingrid")
    welcome = await emailed_link(platform, solo_email, "welcome_member", timeout=PATIENCE)
    committee_email = unique("accueil.marciac")
    await committee_of(platform, MARCIAC, committee_email)
    invitation = await invite_staff(platform, unique("eve"), name="Ève Dupin")

    public = {"sign-in": f"{front}/sign-in", "forgot-password": f"{front}/sign-in/forgot",
              "sign-in-link": welcome, "choose-password": invitation}
    for lang, locale in (("fr", "fr-FR"), ("en", "en-GB")):
        for name, url in public.items():
            async with looked_at(browser, f"{url}?lang={lang}", width=1280, locale=locale,
                                 name=f"{name}-{lang}") as page:
                assert await serious_violations(page) == [], (name, lang)
            async with looked_at(browser, f"{url}?lang={lang}", width=390, locale=locale,
                                 name=f"{name}-{lang}") as page:
                assert await horizontal_overflow(page) == 0, (name, lang)

    async with signed_in_staff(platform, unique("admin"), name="Adèle Admin",
                               admin=True) as admin:
        async with httpx.AsyncClient(timeout=30) as solo, \
                httpx.AsyncClient(timeout=30) as committee:
            assert (await signed_in_by_link(solo, welcome)).status_code == 303
            await post_form(committee, f"{front}/sign-in", "/sign-in/link",
                            {"email": committee_email})
            committee_link = await emailed_link(platform, committee_email, "sign_in",
                                                timeout=PATIENCE)
            assert (await signed_in_by_link(committee, committee_link)).status_code == 303
            private = [(admin, "staff-home", "/staff/"),
                       (admin, "staff-accounts", "/staff/accounts"),
                       (admin, "staff-audit-log", "/staff/accounts/audit"),
                       (solo, "members-home", "/members/"),
                       (committee, "committee-village",
                        f"/committees/villages/{MARCIAC.insee_code}")]
            for client, name, path in private:
                for lang, locale in (("fr", "fr-FR"), ("en", "en-GB")):
                    for width in (1280, 390):
                        context = await browser_with_session(browser, client, front,
                                                             width=width, locale=locale)
                        try:
                            page = await context.new_page()
                            answer = await page.goto(f"{front}{path}?lang={lang}",
                                                     wait_until="load")
                            assert answer.status == 200, (name, lang, answer.status)
                            assert await serious_violations(page) == [], (name, lang)
                            assert await horizontal_overflow(page) == 0, (name, lang, width)
                            await keep_screenshot(page, f"{name}-{lang}")
                        finally:
                            await context.close()
