"""What every page a person uses must pass, checked in the real Chromium: axe-core finds no
serious or critical accessibility violation, the page fits a phone's width, and it weighs
less than 200 KB with everything it loads.

    async with looked_at(browser, url, width=390, locale="fr-FR", name="public-form-fr") as page:
        assert await serious_violations(page) == []

Set SOHO_SCREENSHOTS_DIR to keep a full-page PNG of each page looked at (docs/screenshots/)."""

import contextlib
import os
from pathlib import Path

from axe_playwright_python.async_playwright import Axe

MAX_PAGE_BYTES = 200_000
SERIOUS = ("serious", "critical")


async def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each."""
    results = await Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            f"{', '.join(' '.join(n['target']) for n in v['nodes'][:3])}"
            for v in results.response["violations"] if v["impact"] in SERIOUS]


async def horizontal_overflow(page) -> int:
    """Pixels the page is wider than its window (0: no sideways scrolling)."""
    return await page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")


async def keep_screenshot(page, name: str) -> None:
    """A full-page PNG `<name>-<width>.png` in SOHO_SCREENSHOTS_DIR, when it is set."""
    if os.environ.get("SOHO_SCREENSHOTS_DIR"):
        folder = Path(os.environ["SOHO_SCREENSHOTS_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        width = page.viewport_size["width"]
        await page.screenshot(path=folder / f"{name}-{width}.png", full_page=True)


@contextlib.asynccontextmanager
async def looked_at(browser, url: str, *, width: int, locale: str, name: str):
    """A page opened at `url` in a fresh context `width` pixels wide, its screenshot kept as
    `name`; `page.loaded_bytes()` is the size of every response it loaded."""
    context = await browser.new_context(viewport={"width": width, "height": 900},
                                        locale=locale)
    sizes: list[int] = []

    async def count(response) -> None:
        with contextlib.suppress(Exception):  # a response without a body (a redirect)
            sizes.append(len(await response.body()))

    try:
        page = await context.new_page()
        page.on("response", count)
        await page.goto(url, wait_until="networkidle")
        page.loaded_bytes = lambda: sum(sizes)
        await keep_screenshot(page, name)
        yield page
    finally:
        await context.close()


async def opened_with(browser, url: str, *, lang: str, width: int, headers: dict[str, str],
                      name: str | None = None):
    """(context, page): `url` opened in a fresh context `width` pixels wide in `lang`, each
    request carrying `headers` (the front door's X-Soho-Identity, for a service's own pages
    without the front door); answered 200; its screenshot kept as `name` when given. The
    caller closes the context."""
    context = await browser.new_context(viewport={"width": width, "height": 900},
                                        locale=f"{lang}-FR", extra_http_headers=headers)
    page = await context.new_page()
    answer = await page.goto(url, wait_until="networkidle")
    assert answer.status == 200, url
    if name:
        await keep_screenshot(page, name)
    return context, page
