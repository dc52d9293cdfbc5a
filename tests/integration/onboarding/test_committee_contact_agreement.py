"""The household's agreement to be contacted by its village's welcome committee: staff
record it (with its day) or withdraw it on the case page, the solo on their card page; only
while it stands does the committee of that village see the household's address (another
village's committee never sees the household, 403 on its page); erasure clears it. A future
day or a bad date 422 naming the field, a stale form 409, no CSRF field 403."""

import datetime
import html
import os
import re
import uuid

import pytest

from services.onboarding.domain import local_date
from shared.auth import FORWARDED_IDENTITY, Role, issue_token

from .conftest import erased_event, handled

SECRET = os.environ["SOHO_SECRET"]
CSRF = re.compile(r'name="csrftoken" value="([^"]+)"')
REVISION = re.compile(r'id="form-contact-agreement".*?name="revision" value="([^"]*)"', re.S)
CARD_REVISION = re.compile(r'name="agreement_revision" value="([^"]*)"')
VILLAGE_A, VILLAGE_B = "32310", "32311"  # Perchède, Pergain-Taillac: no other test uses them
STAFF = {FORWARDED_IDENTITY: issue_token(SECRET, Role.STAFF, sub="marie", name="Marie")}


@pytest.fixture(autouse=True)
def no_cookies_kept(onboarding):
    onboarding.client.cookies.clear()
    yield
    onboarding.client.cookies.clear()


def committee(village: str) -> dict[str, str]:
    return {FORWARDED_IDENTITY: issue_token(SECRET, Role.COMMITTEE, village=village,
                                            name="Jeanne du comité")}


def solo(member_id: uuid.UUID) -> dict[str, str]:
    return {FORWARDED_IDENTITY: issue_token(SECRET, Role.SOLO, member=member_id,
                                            name="Lotte")}


def paris_today() -> datetime.date:
    return local_date(datetime.datetime.now(datetime.UTC))


async def agreement_form(onboarding, case_id, data: dict, *, revision: str | None = None,
                         headers=STAFF):
    page = await onboarding.client.get(f"/staff/cases/{case_id}", headers=headers)
    assert page.status_code == 200, page.text
    fields = {"csrftoken": CSRF.search(page.text).group(1),
              "revision": REVISION.search(page.text).group(1) if revision is None else revision,
              **data}
    return await onboarding.client.post(f"/staff/cases/{case_id}/contact-agreement",
                                        data=fields, headers=headers)


async def village_page(onboarding, village: str) -> str:
    answer = await onboarding.client.get(f"/committees/villages/{village}",
                                         headers=committee(village))
    assert answer.status_code == 200, answer.text
    return html.unescape(answer.text)


async def test_recorded_by_staff_the_address_shows_to_its_committee_only_until_withdrawn(
        onboarding, new_case, db):
    email = f"sanne.{uuid.uuid4().hex[:8]}@example.nl"
    case = await new_case(first_name="Sanne", last_name="Jansen", email=email,
                          target_villages=[VILLAGE_A])
    page = await village_page(onboarding, VILLAGE_A)
    assert "Sanne" in page and email not in page
    assert "N'a pas (encore) accepté d'être contacté" in page

    answer = await agreement_form(onboarding, case["id"],
                                  {"agreed": "yes", "agreed_on": "2026-12-02"})
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"].endswith("?done=contact-agreement#contact-agreement")
    assert await db.fetchval("SELECT contact_agreed_on FROM cases WHERE id = $1",
                             uuid.UUID(case["id"])) == datetime.date(2026, 12, 2)
    staff_page = html.unescape((await onboarding.client.get(
        f"/staff/cases/{case['id']}", headers=STAFF)).text)
    assert "Accord donné le 2 décembre 2026" in staff_page

    page = await village_page(onboarding, VILLAGE_A)
    assert f'href="mailto:{email}"' in page
    assert "Accepte d'être contacté par le comité depuis le 2 décembre 2026" in page
    english = html.unescape((await onboarding.client.get(
        f"/committees/villages/{VILLAGE_A}?lang=en", headers=committee(VILLAGE_A))).text)
    assert "Agrees to be contacted by the committee since 2 December 2026" in english

    # Village B's committee: never A's households, its page 403 on A, nothing on its own.
    other = await onboarding.client.get(f"/committees/villages/{VILLAGE_A}",
                                        headers=committee(VILLAGE_B))
    assert other.status_code == 403 and email not in other.text
    assert email not in await village_page(onboarding, VILLAGE_B)

    answer = await agreement_form(onboarding, case["id"], {"agreed_on": "2026-12-02"})
    assert answer.status_code == 303, answer.text
    assert await db.fetchval("SELECT contact_agreed_on FROM cases WHERE id = $1",
                             uuid.UUID(case["id"])) is None
    page = await village_page(onboarding, VILLAGE_A)
    assert "Sanne" in page and email not in page, "withdrawn: the address hidden again"


async def test_an_installed_household_agrees_on_its_card_page_and_erasure_clears_it(
        onboarding, new_member, db, raw_publish):
    email = f"lotte.{uuid.uuid4().hex[:8]}@example.nl"
    case, member_id = await new_member(village=VILLAGE_A, first_name="Lotte",
                                       last_name="Bakker", email=email)
    me = solo(member_id)
    card = await onboarding.client.get("/members/directory/card", headers=me)
    assert card.status_code == 200, card.text
    assert 'action="/members/directory/card/contact-agreement"' in card.text
    fields = {"csrftoken": CSRF.search(card.text).group(1),
              "agreement_revision": CARD_REVISION.search(card.text).group(1), "agreed": "yes"}
    answer = await onboarding.client.post("/members/directory/card/contact-agreement",
                                          data=fields, headers=me)
    assert answer.status_code == 303, answer.text
    assert await db.fetchval("SELECT contact_agreed_on FROM cases WHERE id = $1",
                             uuid.UUID(case["id"])) == paris_today()
    assert f'href="mailto:{email}"' in await village_page(onboarding, VILLAGE_A)

    stale = await onboarding.client.post("/members/directory/card/contact-agreement",
                                         data={**fields, "agreed": ""}, headers=me)
    assert stale.status_code == 409, "drawn before the agreement was saved"
    assert "Votre réponse a changé entre-temps" in html.unescape(stale.text)
    assert await db.fetchval("SELECT contact_agreed_on FROM cases WHERE id = $1",
                             uuid.UUID(case["id"])) == paris_today()

    event = erased_event(uuid.UUID(case["prospect_id"]))
    await raw_publish(event)
    await handled(db, event)
    assert await db.fetchval("SELECT contact_agreed_on FROM cases WHERE id = $1",
                             uuid.UUID(case["id"])) is None
    page = await village_page(onboarding, VILLAGE_A)
    assert email not in page and "Lotte" not in page


async def test_bad_day_422_stale_409_without_csrf_403(onboarding, new_case, db):
    case = await new_case(first_name="Pieter", target_villages=[VILLAGE_B])
    tomorrow = (paris_today() + datetime.timedelta(days=1)).isoformat()
    for typed in ("not a date", tomorrow):
        answer = await agreement_form(onboarding, case["id"],
                                      {"agreed": "yes", "agreed_on": typed})
        assert answer.status_code == 422, typed
        page = html.unescape(answer.text)
        assert 'href="#agreed_on"' in page and f'value="{typed}"' in page
    stale = await agreement_form(onboarding, case["id"], {"agreed": "yes"},
                                 revision="2020-01-01T00:00:00+00:00")
    assert stale.status_code == 409
    no_csrf = await onboarding.client.post(f"/staff/cases/{case['id']}/contact-agreement",
                                           data={"agreed": "yes"}, headers=STAFF)
    assert no_csrf.status_code == 403
    as_committee = await onboarding.client.post(
        f"/staff/cases/{case['id']}/contact-agreement", data={"agreed": "yes"},
        headers=committee(VILLAGE_B))
    assert as_committee.status_code == 403
    assert await db.fetchval("SELECT contact_agreed_on FROM cases WHERE id = $1",
                             uuid.UUID(case["id"])) is None
