"""The staff's village pages behind the front door (identity's token in X-Soho-Identity):
the list of the 458 communes (status, committee and name filters, keyset-paged by name or
INSEE code, the solos each welcomed), a village's page, and its forms: host status and
committee (set, change, remove), through the API's use cases (committee.changed staged in
the outbox). A stale form 409 keeping what was typed, bad input 422 naming the field,
unknown or malformed INSEE codes the 404 page, other roles 403, no token 401."""

import html
import json
import os
import re
import uuid

import pytest

from shared.auth import FORWARDED_IDENTITY, Role, issue_token

SECRET = os.environ["SOHO_SECRET"]
CSRF = re.compile(r'name="csrftoken" value="([^"]+)"')
ROW = re.compile(r'<tr data-insee="(\d+)">(.*?)</tr>', re.S)
NEXT = re.compile(r'<a href="([^"]+)" rel="next"')
# Villages no other test edits: Cézan, Chélan, Clermont-Pouyguillès, Cologne, Courties.
STATUS_VILLAGE, COMMITTEE_VILLAGE, SOLOS_VILLAGE, STALE_VILLAGE, ERROR_VILLAGE = (
    "32102", "32103", "32104", "32106", "32111")


def identity(role: Role = Role.STAFF, **claims) -> dict[str, str]:
    claims.setdefault("name", "Marie Dupont")
    if role is Role.COMMITTEE:
        claims.setdefault("village", COMMITTEE_VILLAGE)
    if role is Role.SOLO:
        claims.setdefault("member", uuid.uuid4())
    return {FORWARDED_IDENTITY: issue_token(SECRET, role, sub=str(uuid.uuid4()), **claims)}


STAFF = identity()


@pytest.fixture(autouse=True)
def no_cookies_kept(onboarding):
    onboarding.client.cookies.clear()
    yield
    onboarding.client.cookies.clear()


def text(answer) -> str:
    return html.unescape(answer.text)


async def get(onboarding, path: str, headers=None, status: int = 200):
    answer = await onboarding.client.get(path, headers=headers or STAFF)
    assert answer.status_code == status, answer.text
    return answer


async def post(onboarding, page, path: str, data: dict):
    fields = {"csrftoken": CSRF.search(page.text).group(1), **data}
    return await onboarding.client.post(path, data=fields, headers=STAFF)


def hidden(page, form_action: str, name: str) -> str:
    form = page.text[page.text.index(f'action="{form_action}"'):]
    return re.search(rf'name="{name}" value="([^"]*)"', form).group(1)


def rows(answer) -> dict[str, str]:
    return {insee: html.unescape(cells) for insee, cells in ROW.findall(answer.text)}


async def walk(onboarding, first: str) -> list[str]:
    """Every INSEE code of a list, page after page through its next links."""
    seen, url = [], first
    for _ in range(30):
        answer = await get(onboarding, url)
        seen += [insee for insee, _ in ROW.findall(answer.text)]
        found = NEXT.search(answer.text)
        if not found:
            return seen
        url = html.unescape(found.group(1))
    raise AssertionError("the list never ends")


# --- the list ------------------------------------------------------------------------------

async def test_the_list_pages_through_every_commune_by_name_and_by_insee_code(onboarding, db):
    first = await get(onboarding, "/staff/villages/")
    assert '<html lang="fr">' in first.text and first.headers["cache-control"] == "no-store"
    assert "Les 458 communes du Gers" in text(first)
    assert len(rows(first)) == 50 and 'rel="next"' in first.text
    assert ">Tout afficher</a>" in first.text and "built-in" not in first.text
    assert re.search(r'href="/staff/villages/" aria-current="page"', first.text)

    by_name = await walk(onboarding, "/staff/villages/")
    assert by_name == [r["insee_code"] for r in await db.fetch(
        "SELECT insee_code FROM villages ORDER BY name, insee_code")]
    by_code = await walk(onboarding, "/staff/villages/?sort=insee")
    assert len(by_code) == 458 and by_code == sorted(by_code)

    second = await get(onboarding, "/staff/villages/?sort=insee&after=" + by_code[49])
    assert list(rows(second))[0] == by_code[50]
    assert "Retour au début de la liste" in text(second)

    english = await get(onboarding, "/staff/villages/?lang=en")
    assert '<html lang="en">' in english.text and "The 458 communes of the Gers" in english.text


async def test_the_status_committee_and_name_filters(onboarding, db):
    hosts = await get(onboarding, "/staff/villages/?status=host")
    expected = {r["insee_code"] for r in await db.fetch(
        "SELECT insee_code FROM villages WHERE host_status = 'host'")}
    assert expected and set(rows(hosts)) == expected
    assert all("Village d'accueil" in cells for cells in rows(hosts).values())

    neither = await walk(onboarding, "/staff/villages/?status=none")
    assert len(neither) == await db.fetchval(
        "SELECT count(*) FROM villages WHERE host_status = 'none'")

    with_committee = await get(onboarding, "/staff/villages/?committee=yes&status=host")
    assert set(rows(with_committee)) == {r["insee_code"] for r in await db.fetch(
        "SELECT insee_code FROM villages WHERE host_status = 'host' "
        "AND committee_email IS NOT NULL")}

    montreal = await get(onboarding, "/staff/villages/?q=montreal")
    assert [cells for cells in rows(montreal).values() if "Montréal" in cells]
    assert 'value="montreal"' in montreal.text  # the filter is shown again

    nothing = await get(onboarding, "/staff/villages/?q=zzzz-nulle-part")
    assert "Aucune commune ne correspond" in text(nothing)


async def test_each_row_counts_the_solos_the_village_welcomed(onboarding, new_member):
    await new_member(village=SOLOS_VILLAGE, first_name="Lotte")
    await new_member(village=SOLOS_VILLAGE, first_name="Sanne")
    page = await get(onboarding, "/staff/villages/?q=Clermont-Pouy")
    cells = rows(page)[SOLOS_VILLAGE]
    assert re.search(r'<td class="num"[^>]*>2</td>\s*$', cells.strip()), cells
    assert "Clermont-Pouyguillès" in cells


@pytest.mark.parametrize("query, field", [
    ("status=capital", "filter-status"), ("committee=maybe", "filter-committee"),
    ("sort=population", "filter-sort"), ("q=" + "x" * 150, "filter-q"),
    ("after=nonsense", "villages"), ("after=32999", "villages")])
async def test_a_filter_that_makes_no_sense_is_422_naming_it(onboarding, query, field):
    answer = await get(onboarding, f"/staff/villages/?{query}", status=422)
    assert 'data-testid="error-summary"' in answer.text
    assert f'href="#{field}"' in answer.text
    assert len(rows(answer)) == 50, "the list is shown anyway"


# --- one village ---------------------------------------------------------------------------

async def test_the_village_page_shows_the_commune_its_committee_and_its_solos(
        onboarding, new_member):
    case, member = await new_member(village=SOLOS_VILLAGE, first_name="Femke",
                                    last_name="Smit")
    page = await get(onboarding, f"/staff/villages/{SOLOS_VILLAGE}")
    shown = text(page)
    assert "<h1>Clermont-Pouyguillès</h1>" in shown
    for fact in ("Code INSEE 32104", "Population", "Mairie", "km d'Auch", "Services",
                 "École", "Internet", "Statut dans le programme", "Comité d'accueil"):
        assert fact in shown, fact
    welcomed = shown[shown.index('data-testid="welcomed"'):]
    assert f'href="/staff/members/{member}">Femke</a>' in welcomed
    assert "Smit" not in welcomed, "first names only"
    assert f'href="/staff/members/?village={SOLOS_VILLAGE}"' in page.text

    english = text(await get(onboarding, f"/staff/villages/{SOLOS_VILLAGE}?lang=en"))
    assert "Status in the programme" in english and "Solos welcomed" in english


@pytest.mark.parametrize("insee", ["32999", "nonsense", "3210", "321044", "32%20104"])
async def test_an_unknown_or_malformed_insee_code_is_the_404_page(onboarding, insee):
    answer = await get(onboarding, f"/staff/villages/{insee}", status=404)
    assert "Page introuvable" in text(answer) and "/assets/soho.css" in answer.text
    page = await get(onboarding, "/staff/villages/")
    posted = await post(onboarding, page, f"/staff/villages/{insee}/host-status",
                        {"host_status": "host", "seen_host_status": "none"})
    assert posted.status_code == 404 and "Page introuvable" in text(posted)


async def test_staff_only(onboarding):
    for role in (Role.COMMITTEE, Role.SOLO):
        for path in ("/staff/villages/", f"/staff/villages/{COMMITTEE_VILLAGE}"):
            answer = await get(onboarding, path, headers=identity(role), status=403)
            assert "Accès refusé" in text(answer)
    signed_out = await onboarding.client.get("/staff/villages/")
    assert signed_out.status_code == 401 and "/sign-in?next=" in signed_out.text
    bad = await onboarding.client.get("/staff/villages/", headers={FORWARDED_IDENTITY: "x"})
    assert bad.status_code == 401


async def test_a_form_without_its_csrf_field_is_403(onboarding):
    await get(onboarding, "/staff/villages/")
    answer = await onboarding.client.post(f"/staff/villages/{STATUS_VILLAGE}/host-status",
                                          data={"host_status": "host"}, headers=STAFF)
    assert answer.status_code == 403


async def test_a_committee_cannot_post_the_staff_forms(onboarding, db):
    page = await get(onboarding, "/staff/villages/")
    committee = identity(Role.COMMITTEE)
    answer = await onboarding.client.post(
        f"/staff/villages/{COMMITTEE_VILLAGE}/host-status", headers=committee,
        data={"csrftoken": CSRF.search(page.text).group(1), "host_status": "host",
              "seen_host_status": "none"})
    assert answer.status_code == 403
    assert await db.fetchval("SELECT host_status FROM villages WHERE insee_code = $1",
                             COMMITTEE_VILLAGE) == "none"


# --- the host status -----------------------------------------------------------------------

async def test_the_host_status_is_changed_by_its_form(onboarding, db):
    url = f"/staff/villages/{STATUS_VILLAGE}"
    page = await get(onboarding, url)
    assert hidden(page, f"{url}/host-status", "seen_host_status") == "none"
    done = await post(onboarding, page, f"{url}/host-status",
                      {"host_status": "associated", "seen_host_status": "none"})
    assert done.status_code == 303, done.text
    assert done.headers["location"] == f"{url}?done=status#host-status"
    assert await db.fetchval("SELECT host_status FROM villages WHERE insee_code = $1",
                             STATUS_VILLAGE) == "associated"
    after = text(await get(onboarding, done.headers["location"]))
    assert "Le statut du village est enregistré." in after
    assert 'data-testid="host-status">Village associé<' in after
    listed = await get(onboarding, "/staff/villages/?status=associated&q=Cézan")
    assert STATUS_VILLAGE in rows(listed)


async def test_a_stale_host_status_form_is_409_keeping_the_choice(onboarding, db):
    url = f"/staff/villages/{STALE_VILLAGE}"
    page = await get(onboarding, url)
    seen = hidden(page, f"{url}/host-status", "seen_host_status")
    other = await onboarding.client.patch(f"/api/villages/{STALE_VILLAGE}",
                                          json={"host_status": "host"},
                                          headers=onboarding.staff())
    assert other.status_code == 200, "someone else changed it meanwhile"
    stale = await post(onboarding, page, f"{url}/host-status",
                       {"host_status": "associated", "seen_host_status": seen})
    assert stale.status_code == 409
    shown = text(stale)
    assert "Ce village a changé entre-temps" in shown
    assert '<option value="associated" selected>' in stale.text, "what was chosen is kept"
    assert 'data-testid="host-status">Village d\'accueil<' in shown, "the page as it now is"
    assert await db.fetchval("SELECT host_status FROM villages WHERE insee_code = $1",
                             STALE_VILLAGE) == "host"


async def test_a_status_that_is_not_in_the_list_is_422(onboarding, db):
    url = f"/staff/villages/{ERROR_VILLAGE}"
    page = await get(onboarding, url)
    for value in ("capital", "", "host\x00"):
        answer = await post(onboarding, page, f"{url}/host-status",
                            {"host_status": value, "seen_host_status": "none"})
        assert answer.status_code == 422, value
        assert 'href="#host_status"' in answer.text
        assert "Choisissez un statut dans la liste." in text(answer)
    assert await db.fetchval("SELECT host_status FROM villages WHERE insee_code = $1",
                             ERROR_VILLAGE) == "none"


# --- the committee -------------------------------------------------------------------------

async def committee_events(db, insee: str) -> list[dict]:
    bodies = await db.fetch("SELECT body FROM outbox WHERE type = 'committee.changed' "
                            "AND subject = $1 ORDER BY seq", insee)
    return [json.loads(bytes(r["body"]))["data"] for r in bodies]


async def test_setting_changing_and_removing_the_committee_publishes_committee_changed(
        onboarding, db):
    url = f"/staff/villages/{COMMITTEE_VILLAGE}"
    before = len(await committee_events(db, COMMITTEE_VILLAGE))
    page = await get(onboarding, url)
    assert "Ce village n'a pas de comité d'accueil." in text(page)
    done = await post(onboarding, page, f"{url}/committee", {
        "email": "comite.chelan@example.org", "locale": "fr", "webhook_url": "",
        "revision": hidden(page, f"{url}/committee", "revision")})
    assert done.status_code == 303, done.text
    assert done.headers["location"] == f"{url}?done=committee#committee"

    page = await get(onboarding, done.headers["location"])
    assert "Le comité d'accueil est enregistré." in text(page)
    assert "comite.chelan@example.org" in page.text
    changed = await post(onboarding, page, f"{url}/committee", {
        "email": "accueil.chelan@example.org", "locale": "en",
        "webhook_url": "https://example.org/chelan",
        "revision": hidden(page, f"{url}/committee", "revision")})
    assert changed.status_code == 303

    page = await get(onboarding, url)
    assert "https://example.org/chelan" in page.text
    removed = await post(onboarding, page, f"{url}/committee/remove",
                         {"revision": hidden(page, f"{url}/committee/remove", "revision")})
    assert removed.status_code == 303
    assert removed.headers["location"] == f"{url}?done=removed#committee"
    assert await db.fetchval("SELECT committee_email FROM villages WHERE insee_code = $1",
                             COMMITTEE_VILLAGE) is None

    events = (await committee_events(db, COMMITTEE_VILLAGE))[before:]
    assert [(e.get("email"), e["locale"], e.get("removed")) for e in events] == [
        ("comite.chelan@example.org", "fr", False), ("accueil.chelan@example.org", "en", False),
        (None, "en", True)]
    assert all(e["village_name"] == "Chélan" for e in events)


async def test_a_stale_committee_form_is_409_keeping_what_was_typed(onboarding, db):
    url = f"/staff/villages/{STALE_VILLAGE}"
    await onboarding.client.delete(f"/api/villages/{STALE_VILLAGE}/committee",
                                   headers=onboarding.staff())
    page = await get(onboarding, url)
    revision = hidden(page, f"{url}/committee", "revision")
    other = await onboarding.client.put(f"/api/villages/{STALE_VILLAGE}/committee",
                                        json={"email": "autre@example.org", "locale": "fr"},
                                        headers=onboarding.staff())
    assert other.status_code == 200
    before = len(await committee_events(db, STALE_VILLAGE))
    stale = await post(onboarding, page, f"{url}/committee", {
        "email": "mien@example.org", "locale": "en", "webhook_url": "", "revision": revision})
    assert stale.status_code == 409
    assert "Ce village a changé entre-temps" in text(stale)
    assert 'value="mien@example.org"' in stale.text, "what was typed is kept"
    assert "autre@example.org" in stale.text, "and the committee as it now is"
    assert await db.fetchval("SELECT committee_email FROM villages WHERE insee_code = $1",
                             STALE_VILLAGE) == "autre@example.org"
    removing = await post(onboarding, page, f"{url}/committee/remove", {"revision": revision})
    assert removing.status_code == 409
    assert len(await committee_events(db, STALE_VILLAGE)) == before, "nothing published"


@pytest.mark.parametrize("typed, fields", [
    ({"email": "pas-une-adresse", "locale": "fr", "webhook_url": ""}, ["email"]),
    ({"email": "", "locale": "fr", "webhook_url": ""}, ["email"]),
    ({"email": "ok@example.org", "locale": "de", "webhook_url": ""}, ["locale"]),
    ({"email": "ok@example.org", "locale": "fr", "webhook_url": "pas une url"},
     ["webhook_url"]),
    ({"email": "x" * 400, "locale": "", "webhook_url": "ftp://x"},
     ["email", "locale", "webhook_url"]),
])
async def test_a_committee_that_is_not_valid_is_422_naming_each_field(onboarding, db, typed,
                                                                       fields):
    url = f"/staff/villages/{ERROR_VILLAGE}"
    page = await get(onboarding, url)
    answer = await post(onboarding, page, f"{url}/committee",
                        {**typed, "revision": hidden(page, f"{url}/committee", "revision")})
    assert answer.status_code == 422
    summary = answer.text[answer.text.index('data-testid="error-summary"'):]
    summary = summary[:summary.index("</div>")]
    assert re.findall(r'href="#([a-z_]+)"', summary) == fields
    for name in fields:
        assert f'id="{name}-error"' in answer.text and 'aria-invalid="true"' in answer.text
    if typed["email"] and len(typed["email"]) < 100:
        assert f'value="{typed["email"]}"' in answer.text, "what was typed is kept"
    assert await db.fetchval("SELECT committee_email FROM villages WHERE insee_code = $1",
                             ERROR_VILLAGE) is None
