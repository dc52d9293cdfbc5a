"""The public site's telecentres at the front door (issue 17), through `soho up`'s Caddy:
a village's public page asks bookings for its nearest telecentres (htmx, `hx-get`
/telecentres/near/{insee}) and shows them, nearest first, each linked to its public page;
the list, the place's page and the fragment answer without any session. The village page
with its filled region passes axe and weighs under 200 KB with what it loads."""

import uuid

import httpx
import pytest
from playwright.async_api import expect

from tests.support.page_checks import MAX_PAGE_BYTES, looked_at, serious_violations
from tests.support.platform_process import running_platform

VILLAGE = ("32358", "Saint-Antoine")  # no other test puts a village or a place near it


@pytest.fixture(scope="module")
async def platform(database_url, amqp_url, tmp_path_factory):
    async with running_platform(tmp_path_factory.mktemp("public-telecentres")) as platform:
        await platform.wait_ready(timeout=180)
        yield platform


@pytest.fixture(scope="module")
async def place(platform):
    """VILLAGE a host village (as staff decide) with a telecentre of its own."""
    code, name = VILLAGE
    async with httpx.AsyncClient(timeout=30) as client:
        answer = await client.patch(f"{platform.url('onboarding')}/api/villages/{code}",
                                    json={"host_status": "host"},
                                    headers=platform.staff_headers())
        assert answer.status_code == 200, answer.text
        title = f"Télécentre de {name} {uuid.uuid4().hex[:4]}"
        made = await client.post(f"{platform.url('bookings')}/api/telecentres", json={
            "kind": "telecentre", "name": title,
            "insee_code": code, "commune": name, "address": f"1 place de la Mairie, {name}",
            "opening_hours": [{"weekday": d, "opens": "09:00", "closes": "17:00"}
                              for d in range(5)]}, headers=platform.staff_headers())
        assert made.status_code == 201, made.text
    return {"id": made.json()["id"], "name": title}


async def test_the_public_telecentre_pages_need_no_session(platform, place):
    front = platform.url("front-door")
    async with httpx.AsyncClient(timeout=30) as client:
        listed = await client.get(f"{front}/telecentres")
        assert listed.status_code == 200 and f'href="/telecentres/{place["id"]}"' in listed.text
        page = await client.get(f"{front}/telecentres/{place['id']}?lang=en")
        assert page.status_code == 200 and '<html lang="en">' in page.text
        fragment = await client.get(f"{front}/telecentres/near/{VILLAGE[0]}",
                                    headers={"HX-Request": "true"})
        assert fragment.status_code == 200 and "<html" not in fragment.text
        assert f'data-place="{place["id"]}"' in fragment.text
        assert (await client.get(f"{front}/telecentres/near/99999")).status_code == 404


@pytest.mark.parametrize("lang, here", [("fr", "dans la commune"), ("en", "in the commune")])
async def test_a_village_page_shows_its_nearest_telecentres(browser, platform, place, lang,
                                                            here):
    front = platform.url("front-door")
    async with looked_at(browser, f"{front}/villages/{VILLAGE[0]}?lang={lang}", width=390,
                         locale=f"{lang}-FR", name=f"public-village-nearest-{lang}") as page:
        region = page.get_by_test_id("nearest-telecentres")
        first = region.locator("[data-testid=nearest] li").first
        await expect(first).to_contain_text(place["name"])
        await expect(first).to_contain_text(here)
        assert await region.get_attribute("aria-busy") is None, "no longer busy once filled"
        assert await serious_violations(page) == []
        assert 0 < page.loaded_bytes() < MAX_PAGE_BYTES, page.loaded_bytes()
        await first.get_by_role("link").click()
        await page.wait_for_url(f"**/telecentres/{place['id']}?lang={lang}")
        await expect(page.locator("h1")).to_have_text(place["name"])
