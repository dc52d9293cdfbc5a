"""The programme's key figures on the public site (`GET /key-figures`): open to everyone, the
same figures as the staff's (/api/kpis) after events, the whole page in the shared look or,
for htmx (HX-Request), only the list; French by default, English on ?lang=en or the
soho_lang cookie; nothing personal."""

import datetime
import html
import re
import uuid

import pytest

from shared.events import ContactReceived, InstalledVillage, SoloInstalled
from tests.unit.dashboard.scripted_stream import event

from .conftest import handled, kpis, today

HTMX = {"HX-Request": "true"}
NAME, EMAIL = "Wilhelmina", "wilhelmina.vanorange@example.org"


@pytest.fixture(autouse=True)
def no_cookies_kept(dashboard):
    dashboard.client.cookies.clear()
    yield
    dashboard.client.cookies.clear()


def shown(page: str) -> dict[str, int]:
    """figure key -> the number shown (digits only: "1 234" in French)."""
    return {key: int(re.sub(r"\D", "", value)) for key, value in
            re.findall(r'data-figure="(\w+)">([^<]*)</dd>', page)}


def public_from(staff: dict) -> dict[str, int]:
    """What the public figures must be, from the staff's key figures."""
    return {"installed_solos": staff["installed_solos"],
            "new_inhabitants": staff["new_inhabitants"],
            "villages_with_solos": staff["villages_with_solos"],
            "origin_countries": sum(1 for row in staff["origin_countries"]
                                    if row["key"] != "unknown" and row["installed"])}


def installation(household: int, insee: str, name: str, country: str):
    prospect, member = uuid.uuid4(), uuid.uuid4()
    now = datetime.datetime.now(datetime.UTC)
    contact = event(ContactReceived(
        contact_id=uuid.uuid4(), prospect_id=prospect, is_new_prospect=True, channel="web",
        first_name=NAME, last_name="van Oranje", email=EMAIL, origin_country=country,
        household_size=household, message="call me at 06 12 34 56 78"),
        now, "/soho/prospects", str(prospect))
    moved_in = event(SoloInstalled(
        member_id=member, prospect_id=prospect, case_id=uuid.uuid4(),
        village=InstalledVillage(insee_code=insee, name=name), installed_on=today(),
        household_size=household, origin_country=country), now, "/soho/onboarding", str(member))
    return [contact, moved_in], member


async def test_the_public_figures_are_the_staffs_and_move_with_installations(dashboard,
                                                                             publish, db):
    before = await dashboard.client.get("/key-figures", headers=HTMX)
    assert before.status_code == 200, before.text
    assert shown(before.text) == public_from(await kpis(dashboard))

    first, member_a = installation(3, "32233", "Marciac", "NL")
    second, member_b = installation(2, "32160", "L'Isle-Jourdain", "BE")
    await publish(*first, *second)
    await handled(db, [e.id for e in (*first, *second)])

    after = await dashboard.client.get("/key-figures", headers=HTMX)
    figures = shown(after.text)
    assert figures == public_from(await kpis(dashboard))
    was = shown(before.text)
    assert figures["installed_solos"] == was["installed_solos"] + 2
    assert figures["new_inhabitants"] == was["new_inhabitants"] + 5
    assert figures["villages_with_solos"] >= max(was["villages_with_solos"], 2)
    assert figures["origin_countries"] >= max(was["origin_countries"], 2)
    page = html.unescape((await dashboard.client.get("/key-figures")).text)
    for personal in (NAME, EMAIL, "van Oranje", "06 12 34 56 78", str(member_a),
                     str(member_b), "Marciac", "L'Isle-Jourdain"):
        assert personal not in page, personal


async def test_htmx_gets_the_list_alone_and_a_browser_the_whole_page(dashboard):
    fragment = await dashboard.client.get("/key-figures", headers=HTMX)
    assert fragment.status_code == 200
    assert fragment.text.lstrip().startswith('<dl class="key-figures"')
    assert "<html" not in fragment.text and "<h1" not in fragment.text
    assert "<h2" not in fragment.text and "<nav" not in fragment.text
    assert set(shown(fragment.text)) == {"installed_solos", "new_inhabitants",
                                         "villages_with_solos", "origin_countries"}

    page = await dashboard.client.get("/key-figures")
    assert page.status_code == 200
    assert page.text.startswith('<!doctype html>\n<html lang="fr">')
    assert "<h1>Chiffres clés</h1>" in page.text and '<dl class="key-figures"' in page.text
    assert "/assets/soho.css" in page.text, "the shared look"
    assert '<a href="/key-figures" aria-current="page">Chiffres clés</a>' in page.text
    assert 'href="/villages/"' in page.text and 'href="/telecentres"' in page.text
    assert "<script" not in page.text
    for answer in (fragment, page):
        assert answer.headers["cache-control"] == "no-store"
        assert "HX-Request" in answer.headers["vary"]
        assert answer.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("query, cookies, lang, words", [
    ("", {}, "fr", ["Solos installés", "Nouveaux habitants", "Villages accueillant des solos",
                    "Pays d'origine", "Chiffres au "]),
    ("?lang=en", {}, "en", ["Solos installed", "New inhabitants", "Villages welcoming solos",
                            "Countries of origin", "Figures as of "]),
    ("", {"soho_lang": "en"}, "en", ["Solos installed", "Figures as of "]),
    ("?lang=fr", {"soho_lang": "en"}, "fr", ["Solos installés", "Chiffres au "])])
async def test_french_by_default_english_on_request_or_kept(dashboard, query, cookies, lang,
                                                           words):
    dashboard.client.cookies.update(cookies)
    for headers in ({}, HTMX):
        answer = await dashboard.client.get(f"/key-figures{query}", headers=headers)
        text = html.unescape(answer.text)
        for word in words:
            assert word in text, (word, headers)
    assert f'<html lang="{lang}">' in answer.text or "<html" not in answer.text
    page = await dashboard.client.get(f"/key-figures{query}")
    assert f'<html lang="{lang}">' in page.text
    if query:
        assert page.headers["set-cookie"].startswith(f"soho_lang={lang}")


async def test_anyone_may_read_them_whatever_token_they_bring(dashboard):
    for headers in ({}, {"Authorization": "Bearer not-a-token"},
                    {"X-Soho-Identity": "forged"}, dashboard.staff()):
        answer = await dashboard.client.get("/key-figures", headers=headers)
        assert answer.status_code == 200, headers
        assert '<dl class="key-figures"' in answer.text


async def test_only_get_and_a_bad_language_is_french(dashboard):
    assert (await dashboard.client.post("/key-figures")).status_code == 405
    answer = await dashboard.client.get("/key-figures?lang=xx")
    assert answer.status_code == 200 and '<html lang="fr">' in answer.text
