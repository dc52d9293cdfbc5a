"""A headless Chromium for browser tests: Debian's /usr/bin/chromium driven by Playwright
(no downloaded browsers). Use the `browser` fixture (import it into a conftest.py):

    from tests.support.browser import browser  # noqa: F401

Each test should open its own context (`await browser.new_context(...)`): a fresh profile,
cookies and storage. Tests are skipped, with the reason, only when Chromium is missing."""

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
async def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium; `make test` does it)")
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        # A plain launch runs on a fresh temporary profile (user-data-dir) of its own.
        launched = await playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                    headless=True, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            await launched.close()
