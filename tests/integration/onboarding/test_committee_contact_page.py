"""A committee's page "how we are told" (/committees/contact): its address shown (staff's:
it is also the sign-in, the page says so), its language and webhook URL edited through the
use case of PUT /api/villages/{insee}/committee, publishing committee.changed (with
`webhook_url`) through the outbox. A URL that is not https, has credentials or points at a
private address 422 naming the field (what was typed kept), a stale form 409, no CSRF field
403, staff and solos 403, no token 401, a village without a committee 404 on POST."""

import html
import json
import os
import re

import pytest

from shared.auth import FORWARDED_IDENTITY, Role, issue_token

SECRET = os.environ["SOHO_SECRET"]
CSRF = re.compile(r'name="csrftoken" value="([^"]+)"')
REVISION = re.compile(r'name="revision" value="([^"]*)"')
VILLAGE, BARE = "32312", "32313"  # Pessan, Pessoulens: no other test uses them
PAGE = "/committees/contact"
EMAIL = "comite.pessan@example.org"


@pytest.fixture(autouse=True)
def no_cookies_kept(onboarding):
    onboarding.client.cookies.clear()
    yield
    onboarding.client.cookies.clear()


def identity(role: Role = Role.COMMITTEE, village: str = VILLAGE, **claims) -> dict[str, str]:
    if role is Role.COMMITTEE:
        claims["village"] = village
    return {FORWARDED_IDENTITY: issue_token(SECRET, role, name="Comité de Pessan", **claims)}


async def set_by_staff(onboarding, village: str = VILLAGE, **body) -> None:
    answer = await onboarding.client.put(
        f"/api/villages/{village}/committee", headers=onboarding.staff(),
        json={"email": EMAIL, "locale": "fr", **body})
    assert answer.status_code == 200, answer.text


async def post_contact(onboarding, data: dict, *, headers=None, revision: str | None = None):
    headers = headers or identity()
    page = await onboarding.client.get(PAGE, headers=headers)
    assert page.status_code == 200, page.text
    fields = {"csrftoken": CSRF.search(page.text).group(1),
              "revision": REVISION.search(page.text).group(1) if revision is None else revision,
              **data}
    return await onboarding.client.post(PAGE, data=fields, headers=headers)


async def staged(db) -> list[dict]:
    rows = await db.fetch("SELECT body FROM outbox WHERE type = 'committee.changed' "
                          "AND subject = $1 ORDER BY created_at", VILLAGE)
    return [json.loads(r["body"])["data"] for r in rows]


async def test_the_committee_sets_its_language_and_webhook_and_committee_changed_is_staged(
        onboarding, db):
    await set_by_staff(onboarding)
    page = await onboarding.client.get(PAGE, headers=identity())
    assert page.status_code == 200, page.text
    text = html.unescape(page.text)
    assert EMAIL in text and "seule l'équipe Soho Solo la change" in text
    assert 'href="/committees/notifications"' in text
    assert 'action="/committees/contact"' in text
    english = html.unescape((await onboarding.client.get(f"{PAGE}?lang=en",
                                                         headers=identity())).text)
    assert "How your committee is told" in english and "only the Soho Solo team" in english
    onboarding.client.cookies.clear()  # the language chosen rides in a cookie

    before = len(await staged(db))
    answer = await post_contact(onboarding, {"locale": "en",
                                             "webhook_url": "https://hooks.example.org/soho"})
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == f"{PAGE}?done=saved"
    row = await db.fetchrow("SELECT committee_email, committee_locale, committee_webhook_url "
                            "FROM villages WHERE insee_code = $1", VILLAGE)
    assert tuple(row) == (EMAIL, "en", "https://hooks.example.org/soho")
    events = await staged(db)
    assert len(events) == before + 1
    assert events[-1] == {"insee_code": VILLAGE, "village_name": "Pessan", "email": EMAIL,
                          "locale": "en", "removed": False,
                          "webhook_url": "https://hooks.example.org/soho"}
    done = html.unescape((await onboarding.client.get(f"{PAGE}?done=saved",
                                                      headers=identity())).text)
    assert 'value="https://hooks.example.org/soho"' in done and "C'est enregistré" in done

    # The same again: nothing more to tell. No webhook any more: told (without the field).
    again = await post_contact(onboarding, {"locale": "en",
                                            "webhook_url": "https://hooks.example.org/soho"})
    assert again.status_code == 303
    assert len(await staged(db)) == before + 1
    removed = await post_contact(onboarding, {"locale": "en", "webhook_url": ""})
    assert removed.status_code == 303
    events = await staged(db)
    assert len(events) == before + 2 and "webhook_url" not in events[-1]
    assert await db.fetchval("SELECT committee_webhook_url FROM villages WHERE insee_code = $1",
                             VILLAGE) is None


@pytest.mark.parametrize("url, message", [
    ("http://hooks.example.org/soho", "doit commencer par https://"),
    ("https://127.0.0.1:8443/hook", "adresse publique"),
    ("https://localhost/hook", "adresse publique"),
    ("https://user:pass@hooks.example.org/", "ni de mot de passe"),
    ("not a url", "adresse web complète"),
    ("https://", "adresse web complète"),
])
async def test_a_refused_webhook_is_422_naming_the_field(onboarding, db, url, message):
    await set_by_staff(onboarding)
    before = await db.fetchval("SELECT committee_updated_at FROM villages "
                               "WHERE insee_code = $1", VILLAGE)
    answer = await post_contact(onboarding, {"locale": "fr", "webhook_url": url})
    assert answer.status_code == 422
    text = html.unescape(answer.text)
    assert 'href="#webhook_url"' in text and message in text
    assert f'value="{url}"' in text, "what was typed is kept"
    assert await db.fetchval("SELECT committee_updated_at FROM villages WHERE insee_code = $1",
                             VILLAGE) == before


async def test_a_bad_language_422_a_stale_form_409(onboarding, db):
    await set_by_staff(onboarding)
    bad = await post_contact(onboarding, {"locale": "de", "webhook_url": ""})
    assert bad.status_code == 422 and 'href="#locale"' in bad.text
    stale = await post_contact(onboarding, {"locale": "en",
                                            "webhook_url": "https://hooks.example.org/new"},
                               revision="2020-01-01T00:00:00+00:00")
    assert stale.status_code == 409
    assert 'value="https://hooks.example.org/new"' in stale.text, "what was typed is kept"
    assert await db.fetchval("SELECT committee_locale FROM villages WHERE insee_code = $1",
                             VILLAGE) == "fr"


async def test_csrf_roles_and_a_village_without_committee(onboarding):
    no_csrf = await onboarding.client.post(PAGE, headers=identity(),
                                           data={"locale": "en", "webhook_url": ""})
    assert no_csrf.status_code == 403
    for headers in (identity(Role.STAFF, sub="marie"),
                    identity(Role.SOLO, member="8a9f3f8e-7d55-4b5e-9d59-0b8b7b4c9a11")):
        assert (await onboarding.client.get(PAGE, headers=headers)).status_code == 403
    assert (await onboarding.client.get(PAGE)).status_code == 401
    await onboarding.client.delete(f"/api/villages/{BARE}/committee",
                                   headers=onboarding.staff())
    bare = identity(village=BARE)
    page = await onboarding.client.get(PAGE, headers=bare)
    assert page.status_code == 200 and 'data-testid="no-committee"' in page.text
    answer = await onboarding.client.post(
        PAGE, headers=bare, data={"csrftoken": CSRF.search(page.text).group(1),
                                  "locale": "en", "webhook_url": ""})
    assert answer.status_code == 404
