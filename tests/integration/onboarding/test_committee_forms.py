"""A committee's forms: "we have made contact" with a household of its village (stored on
the case, shown to the committee and to staff on the case page; a future date 422 naming the
field; another village's committee 403 and nothing written, another village's household 404),
and the village's public page edited in French and English (preview, publish, 422 for a text
too long, 409 for a stale edit keeping what was typed)."""

import datetime
import html
import os
import re
import uuid

import pytest

from services.onboarding.domain import local_date
from shared.auth import FORWARDED_IDENTITY, Role, issue_token

SECRET = os.environ["SOHO_SECRET"]
CSRF = re.compile(r'name="csrftoken" value="([^"]+)"')
VILLAGE_A, VILLAGE_B = "32300", "32301"  # Orbessan, Ordan-Larroque: no other test uses them
PAGE_VILLAGE, STALE_VILLAGE, LONG_VILLAGE = "32302", "32303", "32305"
STAFF = {FORWARDED_IDENTITY: issue_token(SECRET, Role.STAFF, sub="marie", name="Marie")}


@pytest.fixture(autouse=True)
def no_cookies_kept(onboarding):
    onboarding.client.cookies.clear()
    yield
    onboarding.client.cookies.clear()


def committee(village: str, name: str = "Jeanne du comité") -> dict[str, str]:
    return {FORWARDED_IDENTITY: issue_token(SECRET, Role.COMMITTEE, village=village,
                                            name=name)}


def text_of(answer) -> str:
    return html.unescape(answer.text)


def paris_today() -> datetime.date:
    return local_date(datetime.datetime.now(datetime.UTC))


async def post_form(onboarding, page_path: str, path: str, data: dict, headers: dict):
    page = await onboarding.client.get(page_path, headers=headers)
    assert page.status_code == 200, page.text
    fields = {"csrftoken": CSRF.search(page.text).group(1), **data}
    return await onboarding.client.post(path, data=fields, headers=headers)


def contact_path(village: str, case_id) -> str:
    return f"/committees/villages/{village}/households/{case_id}/contact"


async def test_contact_made_is_stored_shown_to_the_committee_and_to_staff(
        onboarding, new_case, new_member, db):
    expected = await new_case(first_name="Sanne", last_name="Jansen",
                              target_villages=[VILLAGE_A])
    installed, _ = await new_member(village=VILLAGE_A, first_name="Lotte", last_name="Bakker")
    me = committee(VILLAGE_A)
    home = f"/committees/villages/{VILLAGE_A}"
    page = text_of(await onboarding.client.get(home, headers=me))
    assert f'action="{contact_path(VILLAGE_A, expected["id"])}"' in page
    assert f'action="{contact_path(VILLAGE_A, installed["id"])}"' in page
    assert f'value="{paris_today().isoformat()}"' in page, "the date defaults to today"

    answer = await post_form(onboarding, home, contact_path(VILLAGE_A, expected["id"]),
                             {"contacted_on": "2026-12-03"}, me)
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == f"{home}?done=contact"
    answer = await post_form(onboarding, home, contact_path(VILLAGE_A, installed["id"]),
                             {}, me)  # no date: today
    assert answer.status_code == 303, answer.text

    rows = {str(r["case_id"]): r for r in await db.fetch(
        "SELECT * FROM committee_contacts WHERE village = $1", VILLAGE_A)}
    assert rows[str(expected["id"])]["contacted_on"] == datetime.date(2026, 12, 3)
    assert {r["recorded_by"] for r in rows.values()} == {"Jeanne du comité"}
    assert {r["contacted_on"] for r in rows.values()} == {datetime.date(2026, 12, 3),
                                                          paris_today()}

    page = text_of(await onboarding.client.get(f"{home}?done=contact", headers=me))
    assert "Contact enregistré" in page
    assert "Contact pris le 3 décembre 2026" in page
    english = text_of(await onboarding.client.get(f"{home}?lang=en", headers=me))
    assert "Contact made on 3 December 2026" in english

    onboarding.client.cookies.clear()  # the language switch's cookie
    staff_page = text_of(await onboarding.client.get(f"/staff/cases/{expected['id']}",
                                                     headers=STAFF))
    assert "Comité de Orbessan : contact pris le 3 décembre 2026" in staff_page
    staff_en = text_of(await onboarding.client.get(
        f"/staff/cases/{expected['id']}?lang=en", headers=STAFF))
    assert "Committee of Orbessan: contact made on 3 December 2026" in staff_en


async def test_a_date_in_the_future_is_422_naming_the_field(onboarding, new_case, db):
    case = await new_case(first_name="Femke", target_villages=[VILLAGE_A])
    home = f"/committees/villages/{VILLAGE_A}"
    tomorrow = (paris_today() + datetime.timedelta(days=1)).isoformat()
    for typed, message in ((tomorrow, "ne peut pas être dans le futur"),
                           ("demain", "Saisissez une date de contact valide")):
        answer = await post_form(onboarding, home, contact_path(VILLAGE_A, case["id"]),
                                 {"contacted_on": typed}, committee(VILLAGE_A))
        assert answer.status_code == 422, answer.text
        page = text_of(answer)
        assert 'data-testid="error-summary"' in page and message in page
        assert f'href="#contact-{case["id"]}"' in page
        assert f'value="{typed}"' in page, "what was typed is kept"
    assert await db.fetchval("SELECT count(*) FROM committee_contacts WHERE case_id = $1",
                             uuid.UUID(str(case["id"]))) == 0


async def test_another_village_cannot_see_or_write(onboarding, new_case, db):
    case = await new_case(first_name="Bram", target_villages=[VILLAGE_A])
    other = committee(VILLAGE_B, "Paul de B")
    for path in (f"/committees/villages/{VILLAGE_A}", f"/committees/villages/{VILLAGE_A}/page"):
        answer = await onboarding.client.get(path, headers=other)
        assert answer.status_code == 403, path
        assert "Bram" not in answer.text
    # B's committee, with a valid form of its own page, posting for A's household: 403.
    own = f"/committees/villages/{VILLAGE_B}"
    answer = await post_form(onboarding, own, contact_path(VILLAGE_A, case["id"]),
                             {"contacted_on": "2026-12-01"}, other)
    assert answer.status_code == 403
    answer = await post_form(onboarding, own, f"/committees/villages/{VILLAGE_A}/page",
                             {"action": "publish", "revision": "0",
                              "welcome_fr": "Piraté"}, other)
    assert answer.status_code == 403
    # ... and A's household through B's own address: 404, nothing written.
    answer = await post_form(onboarding, own, contact_path(VILLAGE_B, case["id"]),
                             {"contacted_on": "2026-12-01"}, other)
    assert answer.status_code == 404 and "Page introuvable" in text_of(answer)
    answer = await post_form(onboarding, own, contact_path(VILLAGE_B, "not-a-uuid"), {}, other)
    assert answer.status_code == 404
    assert await db.fetchval("SELECT count(*) FROM committee_contacts WHERE case_id = $1",
                             uuid.UUID(str(case["id"]))) == 0
    assert await db.fetchval("SELECT count(*) FROM village_pages WHERE insee_code = $1",
                             VILLAGE_A) == 0


def hidden_revision(page_text: str) -> str:
    return re.search(r'name="revision" value="([^"]*)"', page_text).group(1)


async def test_the_village_page_is_previewed_then_published_in_french_and_english(
        onboarding, db):
    await db.execute("UPDATE villages SET host_status = 'host' WHERE insee_code = $1",
                     PAGE_VILLAGE)
    me = committee(PAGE_VILLAGE)
    path = f"/committees/villages/{PAGE_VILLAGE}/page"
    page = await onboarding.client.get(path, headers=me)
    assert page.status_code == 200 and hidden_revision(page.text) == "0"
    assert "jamais été publiée" in text_of(page)
    typed = {"revision": "0", "welcome_fr": "Bienvenue à Ornézan, village de collines.",
             "welcome_en": "Welcome to Ornézan, a village of hills.",
             "services_fr": "Marché le jeudi.", "housing_fr": "Une maison à louer.",
             "photos_alt_fr": "L'église au coucher du soleil.",
             "contact_fr": "comite@ornezan.example", "contact_en": "comite@ornezan.example"}

    preview = await post_form(onboarding, path, path, {**typed, "action": "preview"}, me)
    assert preview.status_code == 200, preview.text
    shown = text_of(preview)
    assert 'data-testid="preview"' in shown and "Bienvenue à Ornézan" in shown
    in_english = shown[shown.index('data-testid="preview-en"'):shown.index('id="page-form"')]
    assert "Welcome to Ornézan, a village of hills." in in_english
    assert "Marché le jeudi." in shown and "Aperçu" in shown
    assert ">Publier</button>" in shown and ">Prévisualiser</button>" in shown
    assert await db.fetchval("SELECT count(*) FROM village_pages WHERE insee_code = $1",
                             PAGE_VILLAGE) == 0, "a preview saves nothing"

    published = await post_form(onboarding, path, path, {**typed, "action": "publish"}, me)
    assert published.status_code == 303, published.text
    assert published.headers["location"] == f"{path}?done=published"
    row = await db.fetchrow("SELECT * FROM village_pages WHERE insee_code = $1", PAGE_VILLAGE)
    assert row["revision"] == 1 and row["published_by"] == "Jeanne du comité"
    assert row["services_en"] is None, "a blank field is not written"
    again = await onboarding.client.get(f"{path}?done=published", headers=me)
    assert "La page est publiée" in text_of(again) and hidden_revision(again.text) == "1"

    public = text_of(await onboarding.client.get(f"/villages/{PAGE_VILLAGE}"))
    assert "Bienvenue à Ornézan, village de collines." in public and "Marché le jeudi." in public
    english = text_of(await onboarding.client.get(f"/villages/{PAGE_VILLAGE}?lang=en"))
    assert '<html lang="en">' in english and "Welcome to Ornézan, a village of hills." in english
    # Services were written in French only: shown, with a note, in French.
    assert "This text is only in French." in english and "Marché le jeudi." in english
    assert '<div lang="fr"><p>Marché le jeudi.</p></div>' in english


async def test_a_text_too_long_is_422_naming_the_field(onboarding, db):
    me = committee(LONG_VILLAGE)
    path = f"/committees/villages/{LONG_VILLAGE}/page"
    answer = await post_form(onboarding, path, path, {
        "revision": "0", "action": "publish", "welcome_fr": "Court.",
        "contact_en": "x" * 301}, me)
    assert answer.status_code == 422, answer.text
    page = text_of(answer)
    assert 'href="#contact_en"' in page
    assert "Contact du comité (anglais) doit faire 300 caractères au plus" in page
    assert "Court." in page and "x" * 301 in page, "what was typed is kept"
    assert await db.fetchval("SELECT count(*) FROM village_pages WHERE insee_code = $1",
                             LONG_VILLAGE) == 0


async def test_a_stale_edit_is_409_keeping_what_was_typed(onboarding, db):
    first, second = committee(STALE_VILLAGE, "Jeanne"), committee(STALE_VILLAGE, "Paul")
    path = f"/committees/villages/{STALE_VILLAGE}/page"
    answer = await post_form(onboarding, path, path, {
        "revision": "0", "action": "publish", "welcome_fr": "Le texte de Jeanne."}, first)
    assert answer.status_code == 303
    answer = await post_form(onboarding, path, path, {
        "revision": "0", "action": "publish", "welcome_fr": "Le texte de Paul."}, second)
    assert answer.status_code == 409, answer.text
    page = text_of(answer)
    assert "publiée entre-temps" in page and "Le texte de Paul." in page
    assert hidden_revision(answer.text) == "1", "publishing again from here works"
    row = await db.fetchrow("SELECT * FROM village_pages WHERE insee_code = $1", STALE_VILLAGE)
    assert row["welcome_fr"] == "Le texte de Jeanne." and row["revision"] == 1
    answer = await post_form(onboarding, path, path, {
        "revision": "1", "action": "publish", "welcome_fr": "Le texte de Paul."}, second)
    assert answer.status_code == 303
