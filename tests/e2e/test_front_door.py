"""The front door: one origin for people, a real Caddy that `soho up` starts, routing
paths to the services. Behind it every request comes from the proxy's address, so the
services take the visitor's address from X-Forwarded-For, but only from the proxy: the
contact form's per-address limit stays per visitor."""

import uuid

import httpx
import pytest

from services.notifications.domain.unsubscribe import make_token
from tests.support.page_checks import (MAX_PAGE_BYTES, horizontal_overflow, keep_screenshot,
                                       looked_at, serious_violations)
from tests.support.platform_process import running_platform
from tests.support.waiting import wait_for

LIMIT = 10  # contacts per address in 10 minutes (prospects' default)


@pytest.fixture(scope="module")
async def platform(database_url, amqp_url, tmp_path_factory):
    # A person takes more than the form's minimum fill time; a test browser does not.
    async with running_platform(tmp_path_factory.mktemp("front-door"),
                                env={"PROSPECTS_FORM_MIN_SECONDS": "0"}) as platform:
        await platform.wait_ready(timeout=180)
        yield platform


def visitor(address: str) -> httpx.AsyncClient:
    """A client whose connections leave from `address` (the loopback range is all ours)."""
    return httpx.AsyncClient(transport=httpx.AsyncHTTPTransport(local_address=address),
                             timeout=30)


def contact() -> dict:
    return {"first_name": "Inès", "last_name": "Martin", "consent": True,
            "email": f"ines.{uuid.uuid4().hex[:8]}@example.org"}


async def test_the_public_site_is_at_the_front_door_in_french_and_english(platform):
    front = platform.url("front-door")
    async with httpx.AsyncClient(timeout=30) as client:
        french = await client.get(f"{front}/")
        english = await client.get(f"{front}/?lang=en")
    assert french.status_code == english.status_code == 200
    assert '<html lang="fr">' in french.text and "<form" in french.text
    assert '<html lang="en">' in english.text
    assert "caddy" in french.headers.get("server", "").lower(), "answered through Caddy"


async def test_only_what_is_for_people_goes_through_the_front_door(platform):
    front = platform.url("front-door")
    async with httpx.AsyncClient(timeout=30) as client:
        # Any host name a person may type reaches the site.
        by_name = await client.get(f"{front}/", headers={"Host": "localhost"})
        assert by_name.status_code == 200 and "<form" in by_name.text
        # The services' own routes stay on their ports, inside the platform.
        for path in ("/metrics", "/docs", "/openapi.json", "/api/prospects", "/health"):
            assert (await client.get(f"{front}{path}")).status_code == 404, path
            assert (await client.get(f"{platform.url('prospects')}{path}")).status_code != 404



async def test_the_shared_stylesheet_comes_from_identity_and_its_session_check_stays_inside(
        platform):
    front = platform.url("front-door")
    async with httpx.AsyncClient(timeout=30) as client:
        through = await client.get(f"{front}/assets/soho.css")
        direct = await client.get(f"{platform.url('identity')}/assets/soho.css")
        assert through.status_code == direct.status_code == 200
        assert through.headers["content-type"].startswith("text/css")
        assert through.content == direct.content
        # Identity answers the front door's questions on its own port only.
        assert (await client.get(f"{front}/auth/check")).status_code == 404

async def test_the_eleventh_contact_of_a_visitor_is_refused_not_the_next_visitors(platform):
    url = f"{platform.url('front-door')}/api/contacts"
    async with visitor("127.0.0.2") as first, visitor("127.0.0.3") as second:
        for n in range(LIMIT):
            answer = await first.post(url, json=contact())
            assert answer.status_code == 202, (n, answer.text)
        refused = await first.post(url, json=contact())
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
        # Claiming to be someone else changes nothing: Caddy sets the address it saw.
        forged = await first.post(url, json=contact(),
                                  headers={"X-Forwarded-For": "203.0.113.7"})
        assert forged.status_code == 429
        assert (await second.post(url, json=contact())).status_code == 202


async def test_links_in_emails_lead_through_the_front_door(platform):
    """The acknowledgement's footer links to the front door, and leaving a list from an
    email's link reaches the notifications service behind it."""
    front = platform.url("front-door")
    person = contact()
    async with httpx.AsyncClient(timeout=30) as client:
        sent = await client.post(f"{platform.url('prospects')}/api/contacts", json=person)
        assert sent.status_code == 202, sent.text
        [ack] = await wait_for(lambda: platform.mails_to(person["email"]), timeout=120,
                               interval=0.5, message="the acknowledgement")
        assert front in ack.get_body(preferencelist=("plain",)).get_content()
        token = make_token(platform.secret, person["email"], "news")
        page = await client.get(f"{front}/unsubscribe/{token}")
    assert page.status_code == 200, page.text
    assert person["email"] in page.text, "the notifications service's confirmation page"


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_the_public_form_is_accessible_fits_a_phone_and_is_light(platform, browser,
                                                                        lang, width):
    """Through the front door, in Chromium: the form, then its confirmation once sent."""
    url = f"{platform.url('front-door')}/" + ("?lang=en" if lang == "en" else "")
    async with looked_at(browser, url, width=width, locale=f"{lang}-FR",
                         name=f"public-form-{lang}") as page:
        assert await serious_violations(page) == []
        assert await horizontal_overflow(page) == 0
        assert page.loaded_bytes() < MAX_PAGE_BYTES
        await page.locator("#consent").check()
        await page.locator("input[name=first_name]").fill("Inès")
        await page.locator("input[name=last_name]").fill("Martin")
        await page.locator("input[name=email]").fill(f"ines.{uuid.uuid4().hex[:8]}@example.org")
        await page.locator("form button[type=submit]").click()
        await page.wait_for_url("**/confirmation**")
        await keep_screenshot(page, f"public-confirmation-{lang}")
        assert await serious_violations(page) == []
        assert await horizontal_overflow(page) == 0
