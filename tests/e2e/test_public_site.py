"""The public site at the front door (issue 17), through `soho up`'s Caddy, in Chromium: the
home page `/` (prospects) shows the programme and the form, and htmx fills its key figures
region from `/key-figures` (the dashboard, at the same origin) with the figures staff read
from /api/kpis; `/key-figures` answers without a session; both weigh under 200 KB."""

import re

import httpx
import pytest

from tests.support.page_checks import MAX_PAGE_BYTES
from tests.support.platform_process import running_platform


@pytest.fixture(scope="module")
async def platform(database_url, amqp_url, tmp_path_factory):
    async with running_platform(tmp_path_factory.mktemp("public-site")) as platform:
        await platform.wait_ready(timeout=180)
        yield platform


async def test_the_home_page_shows_the_key_figures_filled_in(browser, platform):
    front = platform.url("front-door")
    async with httpx.AsyncClient() as client:
        staff = (await client.get(f"{platform.url('dashboard')}/api/kpis",
                                  headers=platform.staff_headers())).json()
        page = await client.get(f"{front}/key-figures?lang=en")  # no session, no token
        assert page.status_code == 200 and "<h1>Key figures</h1>" in page.text
        fragment = await client.get(f"{front}/key-figures", headers={"HX-Request": "true"})
        assert fragment.text.lstrip().startswith('<dl class="key-figures"')
        assert (await client.get(f"{front}/key-figures/x")).status_code != 200, "exact path"

    for lang, words in (("fr", "Solos installés"), ("en", "Solos installed")):
        context = await browser.new_context(viewport={"width": 390, "height": 900},
                                            locale=f"{lang}-FR")
        sizes: list[int] = []

        async def count(response) -> None:
            try:
                sizes.append(len(await response.body()))
            except Exception:  # a response without a body
                pass

        try:
            page = await context.new_page()
            page.on("response", count)
            await page.goto(f"{front}/?lang={lang}", wait_until="networkidle")
            region = page.get_by_test_id("key-figures-region")
            await region.locator("dl.key-figures").wait_for(timeout=15_000)
            assert words in await region.inner_text()
            shown = {key: int(re.sub(r"\D", "", value)) for key, value in [
                (await dd.get_attribute("data-figure"), await dd.inner_text())
                for dd in await region.locator("dd[data-figure]").all()]}
            assert shown["installed_solos"] == staff["installed_solos"]
            assert shown["new_inhabitants"] == staff["new_inhabitants"]
            assert shown["villages_with_solos"] == staff["villages_with_solos"]
            assert await page.locator("form.home-form").count() == 1
            assert sum(sizes) < MAX_PAGE_BYTES, sum(sizes)
        finally:
            await context.close()
