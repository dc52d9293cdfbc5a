"""The form filled and sent in headless Chromium, in French and in English, as a person
would: by the labels, with a mistake to fix, then with the keyboard alone."""

import uuid

import pytest

from services.prospects.app import SERVICE
from shared.http.app import create_app
from shared.web import assets

from .conftest import GENEROUS
from .live_server import served_in_task

PHONE = {"width": 390, "height": 844}
SCREENSHOTS = "/tmp"


@pytest.fixture(scope="module")
async def live_form(database_url, amqp_url):
    # The minimum fill time is tested over HTTP with a token from the past
    # (test_web_form.py); a browser test would have to wait it out.
    settings = SERVICE.settings(DATABASE_URL=database_url, AMQP_URL=amqp_url,
                                form_min_seconds=0, **GENEROUS)
    app = create_app(SERVICE, settings)
    app.include_router(assets.router)  # identity's /assets/, behind the front door
    async with served_in_task(app) as url:
        yield url


WORDS = {
    "fr": {"first": "Prénom (obligatoire)", "last": "Nom (obligatoire)",
           "email": "Adresse e-mail", "city": "Ville",
           "country": "Pays", "country_name": "Pays-Bas", "sector": "Secteur d'activité",
           "sector_name": "Numérique, informatique", "adults": "Adultes",
           "children": "Enfants", "village": "Village 1", "village2": "Village 2",
           "horizon": "Quand aimeriez-vous vous installer ?", "horizon_name": "D'ici un an",
           "message": "Votre message", "consent": "J'accepte",
           "error": "Cette adresse e-mail n'est pas valide",
           "summary": "un point à corriger", "thanks": "Merci, votre demande est bien arrivée"},
    "en": {"first": "First name (required)", "last": "Last name (required)",
           "email": "Email address",
           "city": "City", "country": "Country", "country_name": "Netherlands",
           "sector": "Sector", "sector_name": "Digital, IT", "adults": "Adults",
           "children": "Children", "village": "Village 1", "village2": "Village 2",
           "horizon": "When would you like to move?", "horizon_name": "Within a year",
           "message": "Your message", "consent": "I agree",
           "error": "This email address is not valid",
           "summary": "one thing to fix", "thanks": "Thank you, your request has arrived"},
}


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_a_person_fills_fixes_and_sends_the_form(browser, live_form, db, lang):
    w = WORDS[lang]
    tag = uuid.uuid4().hex[:8]
    email = f"lotte.{tag}@example.org"
    context = await browser.new_context(viewport=PHONE, locale=f"{lang}-FR")
    page = await context.new_page()
    await page.goto(f"{live_form}/" + ("?lang=en" if lang == "en" else ""))
    await page.screenshot(path=f"{SCREENSHOTS}/prospects-form-{lang}-phone.png", full_page=True)

    await page.get_by_label(w["first"], exact=True).fill("Lotte")
    await page.get_by_label(w["last"], exact=True).fill(f"Bakker {tag}")
    await page.get_by_label(w["email"]).fill("lotte-at-example")  # a mistake
    await page.get_by_label(w["city"]).fill("Rotterdam")
    await page.get_by_label(w["country"]).select_option(label=w["country_name"])
    await page.get_by_label(w["sector"]).select_option(label=w["sector_name"])
    await page.get_by_label(w["adults"]).fill("2")
    await page.get_by_label(w["children"]).fill("1")
    await page.get_by_label(w["village"]).fill("Marciac")
    await page.get_by_label(w["village2"]).fill("l'isle jourdain")
    await page.get_by_label(w["horizon"]).select_option(label=w["horizon_name"])
    await page.get_by_label(w["message"]).fill("Nous cherchons une maison avec jardin.")
    await page.get_by_label(w["consent"], exact=False).check()
    await page.get_by_role("button").click()

    # Back with the problem explained next to the field and in the summary, values kept.
    summary = page.get_by_role("alert")
    await summary.wait_for()
    assert w["summary"] in await summary.inner_text()
    assert w["error"] in await page.locator("#email-error").inner_text()
    assert await page.get_by_label(w["email"]).input_value() == "lotte-at-example"
    assert await page.get_by_label(w["village2"]).input_value() == "l'isle jourdain"
    assert await page.get_by_label(w["consent"], exact=False).is_checked()
    await page.screenshot(path=f"{SCREENSHOTS}/prospects-form-{lang}-errors-phone.png",
                          full_page=True)

    # Fixed, and sent with the keyboard alone: from the message field, Tab reaches the
    # consent box, Space unticks and ticks it, Tab reaches the button, Enter sends.
    await summary.get_by_role("link").first.click()  # the summary link leads to the field
    assert await page.evaluate("document.activeElement.id") == "email"
    await page.keyboard.press("Control+A")
    await page.keyboard.type(email)
    await page.get_by_label(w["message"]).focus()
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.id") == "consent"
    await page.keyboard.press("Space")
    await page.keyboard.press("Space")
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.tagName") == "BUTTON"
    await page.keyboard.press("Enter")

    await page.wait_for_url(f"**/confirmation?lang={lang}")
    assert w["thanks"] in await page.locator("h1").inner_text()
    assert await page.locator("html").get_attribute("lang") == lang
    await context.close()

    row = await db.fetchrow(
        "SELECT first_name, locale, origin_city, origin_country, sector, household_size, "
        "desired_villages, move_horizon, consent_source FROM prospects WHERE email = $1", email)
    assert dict(row) == {"first_name": "Lotte", "locale": lang, "origin_city": "Rotterdam",
                         "origin_country": "NL", "sector": "digital", "household_size": 3,
                         "desired_villages": ["32233", "32160"],
                         "move_horizon": "within_a_year", "consent_source": "web_form"}


async def test_the_form_reads_well_on_a_desktop_too(browser, live_form):
    for lang in ("fr", "en"):
        context = await browser.new_context(viewport={"width": 1280, "height": 900})
        page = await context.new_page()
        await page.goto(f"{live_form}/?lang={lang}")
        await page.screenshot(path=f"{SCREENSHOTS}/prospects-form-{lang}-desktop.png",
                              full_page=True)
        # Nothing wider than the screen on a phone either (no horizontal scrolling).
        await page.set_viewport_size(PHONE)
        assert await page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth")
        await context.close()
