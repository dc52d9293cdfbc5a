"""The public form over HTTP: languages, sending, spam defences, errors explained."""

import html
import re
import time
import uuid

from services.prospects.app import SERVICE
from services.prospects.web.form_guard import issue_token
from tests.support.service_app import running_service

from .helpers import counts

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def filled(service, **changes) -> dict[str, str]:
    """What a person sends after a minute on the page."""
    tag = uuid.uuid4().hex[:8]
    token = issue_token(service.app.state.settings.secret, now=time.time() - 60)
    return {"first_name": "Sanne", "last_name": f"de Vries {tag}",
            "email": f"sanne.{tag}@example.org", "origin_country": "NL",
            "village_1": "Marciac", "household_adults": "2", "household_children": "1",
            "consent": "yes", "consent_version": "2025-01", "form_token": token,
            "website": ""} | changes


async def test_the_form_is_french_by_default_and_english_on_request(prospects):
    french = await prospects.client.get("/")
    english = await prospects.client.get("/?lang=en")
    assert french.status_code == english.status_code == 200
    assert '<html lang="fr">' in french.text and "Prénom" in french.text
    assert '<a href="/?lang=en" hreflang="en" lang="en">English</a>' in french.text
    assert '<html lang="en">' in english.text and "First name" in english.text
    assert "J'accepte que l'équipe Soho Solo" in html.unescape(french.text)
    assert "I agree that the Soho Solo team" in html.unescape(english.text)
    assert '<option value="Marciac">' in french.text
    # Only the shared, same-origin scripts (htmx fills the key figures): nothing inline, no
    # tracker, nothing from elsewhere; the form itself needs none.
    scripts = re.findall(r"<script[^>]*>", french.text)
    assert scripts and all(re.fullmatch(r'<script src="/assets/[\w.-]+\?v=\w+" defer>', s)
                           for s in scripts), scripts
    assert "<script>" not in french.text and "http://" not in french.text \
        and "https://" not in french.text
    for name in ("first_name", "email", "household_adults", "village_1", "consent"):
        assert f'<label for="{name}">' in french.text and f'id="{name}"' in french.text
    # The language asked for is kept (soho_lang cookie), as on every page of the platform.
    assert '<html lang="en">' in (await prospects.client.get("/")).text
    prospects.client.cookies.clear()
    unknown = await prospects.client.get("/?lang=xx")
    assert unknown.text.startswith('<!doctype html>\n<html lang="fr">')


async def test_sending_the_form_creates_the_contact_as_the_api_does(prospects, db):
    form = filled(prospects)
    response = await prospects.client.post("/?lang=en", data=form | {"lang": "en"})

    assert response.status_code == 303
    assert response.headers["location"] == "/confirmation?lang=en"
    row = await db.fetchrow(
        "SELECT p.locale, p.desired_villages, p.household_size, p.origin_country, "
        "c.channel, c.consent_source, c.consent_version FROM prospects p "
        "JOIN contacts c ON c.prospect_id = p.id WHERE p.email = $1", form["email"])
    assert dict(row) == {"locale": "en", "desired_villages": ["32233"], "household_size": 3,
                         "origin_country": "NL", "channel": "web",
                         "consent_source": "web_form", "consent_version": "2025-01"}
    thanks = await prospects.client.get(response.headers["location"])
    assert "Thank you, your request has arrived" in thanks.text


async def test_a_double_click_sends_once(prospects, db):
    form = filled(prospects)
    for _ in range(2):
        assert (await prospects.client.post("/", data=form)).status_code == 303
    assert await db.fetchval("SELECT count(*) FROM contacts c JOIN prospects p "
                             "ON p.id = c.prospect_id WHERE p.email = $1", form["email"]) == 1


async def test_bots_get_the_same_answer_as_people_and_nothing_is_written(prospects, db):
    person_answer = await prospects.client.post("/", data=filled(prospects))
    before = await counts(db)
    honeypot = filled(prospects, website="https://cheap-pills.example")
    too_fast = filled(prospects, form_token=issue_token(
        prospects.app.state.settings.secret))  # served this very second
    forged = filled(prospects, form_token="1700000000.000.abc.forged")
    for bot in (honeypot, too_fast, forged, {"email": "bot@example.org"}):
        answer = await prospects.client.post("/", data=bot)
        assert (answer.status_code, answer.headers["location"]) == (
            person_answer.status_code, person_answer.headers["location"])
        assert answer.content == person_answer.content
    assert await counts(db) == before


async def test_an_invalid_form_comes_back_with_what_was_typed_and_each_problem(prospects, db):
    before = await counts(db)
    form = filled(prospects, email="sanne-at-example", village_2="Toulouse",
                  household_children="plusieurs", consent="",
                  message="<script>alert(1)</script>")
    response = await prospects.client.post("/", data=form)

    assert response.status_code == 422
    page = response.text
    assert "<title>Erreur : " in page
    assert "4 points à corriger" in page
    assert 'value="sanne-at-example"' in page and 'value="Toulouse"' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    assert "« Toulouse » n&#39;est pas une commune du Gers" in page
    assert 'aria-invalid="true"' in page and 'aria-describedby="email-error"' in page
    assert re.search(r'<a href="#email">Adresse e-mail : ', page)
    assert 'value="Marciac"' in page and 'id="consent" name="consent" value="yes" ' \
        'aria-required' in page  # consent left unticked, as it was
    english = await prospects.client.post("/?lang=en", data=form | {"lang": "en"})
    assert "“Toulouse” is not a commune of the Gers" in english.text
    assert "We can only contact you with your consent" in english.text
    assert await counts(db) == before


async def test_too_many_forms_from_one_address_get_429_with_the_text_kept(
        database_url, amqp_url, db):
    async with running_service(SERVICE, database_url, amqp_url,
                               contact_rate_limit="2/day") as strict:  # a day: see test_form_abuse
        for _ in range(2):
            assert (await strict.client.post("/", data=filled(strict))).status_code == 303
        before = await counts(db)
        refused = await strict.client.post("/", data=filled(strict, message="Still there?"))
        assert refused.status_code == 429
        assert "Trop de demandes" in refused.text and "Still there?" in refused.text
        assert int(refused.headers["Retry-After"]) >= 1
        assert await counts(db) == before
