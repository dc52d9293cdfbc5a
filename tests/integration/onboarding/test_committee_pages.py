"""A village committee's pages behind the front door: the front door passes identity's
token on in X-Soho-Identity. /committees/ leads (303) to the committee's village; that page
names the village, the households expected there (open cases wishing it) and those who
moved in, first names only, in French or English. Another village 403, staff and solos 403,
no token 401 (never 500), a form POST without its CSRF field 403."""

import html
import os
import re
import uuid

import pytest

from shared.auth import FORWARDED_IDENTITY, Role, issue_token

SECRET = os.environ["SOHO_SECRET"]
VILLAGE, VILLAGE_NAME, OTHER = "32202", "Laujuzan", "32203"


@pytest.fixture(autouse=True)
def no_cookies_kept(onboarding):
    onboarding.client.cookies.clear()
    yield
    onboarding.client.cookies.clear()


def identity(role: Role = Role.COMMITTEE, **claims) -> dict[str, str]:
    if role is Role.COMMITTEE:
        claims.setdefault("village", VILLAGE)
    claims.setdefault("name", "Comité de Laujuzan")
    return {FORWARDED_IDENTITY: issue_token(SECRET, role, **claims)}


def text_of(answer) -> str:
    return html.unescape(answer.text)


async def test_the_committee_home_leads_to_its_village(onboarding):
    answer = await onboarding.client.get("/committees/", headers=identity())
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/committees/villages/{VILLAGE}"
    english = await onboarding.client.get("/committees/?lang=en", headers=identity())
    assert english.headers["location"] == f"/committees/villages/{VILLAGE}?lang=en"


async def test_the_village_page_shows_who_is_expected_and_who_moved_in(
        onboarding, new_case, new_member):
    await new_case(first_name="Sanne", last_name="Jansen", household_size=3, children=1,
                   target_villages=[VILLAGE, OTHER])
    await new_case(first_name="Pieter", last_name="Visser", target_villages=[OTHER])
    await new_member(village=VILLAGE, first_name="Lotte", last_name="Bakker")

    answer = await onboarding.client.get(f"/committees/villages/{VILLAGE}", headers=identity())
    assert answer.status_code == 200, answer.text
    page = text_of(answer)
    assert '<html lang="fr">' in page and f"Comité d'accueil de {VILLAGE_NAME}" in page
    assert re.search(r'data-testid="person-name">Comité de Laujuzan<', page)
    assert answer.headers["cache-control"] == "no-store"
    assert "/assets/soho.css" in page and 'action="/sign-out"' in page
    assert 'href="/committees/"' in page and "Mon village" in page
    expected = page[page.index('data-testid="expected"'):page.index('id="installed"')]
    assert "Sanne" in expected and "3 personnes dont 1 enfant" in expected
    assert "Pieter" not in page, "a household wishing another village"
    installed = page[page.index('data-testid="installed"'):]
    assert "Lotte" in installed and "2 personnes" in installed
    for surname in ("Jansen", "Bakker", "Visser", "@example"):
        assert surname not in page, "first names only"

    english = text_of(await onboarding.client.get(
        f"/committees/villages/{VILLAGE}?lang=en", headers=identity()))
    assert '<html lang="en">' in english and f"Welcome committee of {VILLAGE_NAME}" in english
    assert "3 people including 1 child" in english and "Expected arrivals" in english


async def test_another_village_is_403(onboarding):
    answer = await onboarding.client.get(f"/committees/villages/{OTHER}", headers=identity())
    assert answer.status_code == 403
    assert "Accès refusé" in text_of(answer) and "Laujuzan" not in text_of(answer).split(
        "</header>")[1]
    assert (await onboarding.client.get("/committees/villages/nonsense",
                                        headers=identity())).status_code == 403


async def test_a_committee_of_no_known_commune_gets_404(onboarding):
    answer = await onboarding.client.get("/committees/villages/32999",
                                         headers=identity(village="32999"))
    assert answer.status_code == 404 and "Page introuvable" in text_of(answer)


@pytest.mark.parametrize("role, scope", [(Role.STAFF, {}), (Role.SOLO, {"member": uuid.uuid4()})])
async def test_staff_and_solos_get_a_403_page(onboarding, role, scope):
    for path in ("/committees/", f"/committees/villages/{VILLAGE}"):
        answer = await onboarding.client.get(path, headers=identity(role, name="Marie", **scope))
        assert answer.status_code == 403, path
        assert "Accès refusé" in text_of(answer)


async def test_without_a_token_401_with_a_link_to_sign_in(onboarding):
    forged = issue_token("another-secret-of-at-least-32-bytes!!", Role.COMMITTEE,
                         village=VILLAGE)
    for headers in ({}, {FORWARDED_IDENTITY: forged}, {FORWARDED_IDENTITY: "garbage"}):
        for path in ("/committees/", f"/committees/villages/{VILLAGE}"):
            answer = await onboarding.client.get(path, headers=headers)
            assert answer.status_code == 401, (path, headers)
            assert f'href="/sign-in?next={path}"' in answer.text


async def test_a_post_without_its_csrf_field_is_403(onboarding):
    answer = await onboarding.client.post(f"/committees/villages/{VILLAGE}",
                                          headers=identity(), data={"x": "1"})
    assert answer.status_code == 403
