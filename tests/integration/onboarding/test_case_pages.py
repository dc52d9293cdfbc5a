"""The staff's installation case pages behind the front door (the front door passes
identity's token on in X-Soho-Identity): the list (overdue first, grouped by step, filters,
keyset paging), the case page (checklist forms complete / skip / reopen with the CSRF field
and the revision; a stale form 409 with what was typed kept, a refused step 409 saying why,
a bad field 422; the matches in a list and on a map; install publishing solo.installed
through the outbox; abandon after a confirmation; who follows the case; the follow-ups),
and a prospect's installation as a fragment for the prospect file. Unknown or malformed
ids 404, non-staff 403, no token 401."""

import asyncio
import datetime
import html
import json
import os
import re
import uuid

import pytest

from shared.auth import FORWARDED_IDENTITY, Role, issue_token
from tests.support.waiting import wait_for

from .conftest import handled, qualified_event

SECRET = os.environ["SOHO_SECRET"]
CSRF = re.compile(r'name="csrftoken" value="([^"]+)"')
REVISION = re.compile(r'name="revision" value="([^"]*)"')
ROW = re.compile(r'data-testid="case-row">.*?href="/staff/cases/([0-9a-f-]{36})"', re.S)


def staff(name: str = "Marie Dupont") -> dict[str, str]:
    return {FORWARDED_IDENTITY: issue_token(SECRET, Role.STAFF, sub=str(uuid.uuid4()),
                                            name=name)}


STAFF = staff()


@pytest.fixture(autouse=True)
def no_cookies_kept(onboarding):
    onboarding.client.cookies.clear()
    yield
    onboarding.client.cookies.clear()


def text(page) -> str:
    return html.unescape(page.text)


def team() -> str:
    """A staff name of its own, so that a test's list holds only its own cases."""
    return f"Équipe {uuid.uuid4().hex[:8]}"


async def open_cases(onboarding, db, raw_publish, n: int, **data) -> list[uuid.UUID]:
    events = [qualified_event(**data) for _ in range(n)]
    await asyncio.gather(*(raw_publish(e) for e in events))
    for event in events:
        await handled(db, event)
    rows = await db.fetch("SELECT id, prospect_id FROM cases WHERE prospect_id = ANY($1)",
                          [e.data.prospect_id for e in events])
    by_prospect = {r["prospect_id"]: r["id"] for r in rows}
    return [by_prospect[e.data.prospect_id] for e in events]


async def shift_due_dates(db, case_id, days: int) -> None:
    """The case's steps fall due `days` earlier (as if opened that long ago)."""
    await db.execute("UPDATE case_steps SET due_on = due_on - $2::int WHERE case_id = $1",
                     case_id, days)


async def listed(onboarding, query: str = "", headers=None) -> tuple[object, list[str]]:
    page = await onboarding.client.get(f"/staff/cases/{query}", headers=headers or STAFF)
    return page, ROW.findall(page.text)


async def open_page(onboarding, case_id, query: str = ""):
    page = await onboarding.client.get(f"/staff/cases/{case_id}{query}", headers=STAFF)
    assert page.status_code == 200, page.text
    return page


def fields(page) -> dict[str, str]:
    return {"csrftoken": CSRF.search(page.text).group(1),
            "revision": REVISION.search(page.text).group(1)}


async def post(onboarding, page, path: str, data: dict | None = None, headers=None):
    return await onboarding.client.post(path, data=fields(page) | (data or {}),
                                        headers=headers or STAFF)


# --- the list ------------------------------------------------------------------------------

async def test_the_list_puts_overdue_cases_first_and_says_so_in_words(
        onboarding, db, raw_publish):
    name = team()
    future, late, later = await open_cases(onboarding, db, raw_publish, 3, qualified_by=name,
                                           household_size=3, children=1)
    await shift_due_dates(db, late, 40)    # discovery visit 10 days overdue
    await shift_due_dates(db, later, 33)   # 3 days overdue
    page, ids = await listed(onboarding, f"?assignee=to:{name}")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert ids == [str(late), str(later), str(future)]
    shown = text(page)
    assert "En retard de 10 jours" in shown and "En retard de 3 jours" in shown
    assert "Visite de découverte" in shown and "Anna de Vries" in shown
    assert "3 personnes dont 1 enfant" in shown and name in shown
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\d">', page.text)
    assert '<caption>Dossiers, les étapes en retard d&#39;abord</caption>' in page.text
    english = text((await listed(onboarding, f"?assignee=to:{name}&lang=en"))[0])
    assert "10 days overdue" in english and "Discovery visit" in english


async def test_grouped_by_current_step(onboarding, db, raw_publish):
    name = team()
    first, second = await open_cases(onboarding, db, raw_publish, 2, qualified_by=name)
    page = await open_page(onboarding, second)
    assert (await post(onboarding, page, f"/staff/cases/{second}/steps/discovery_visit/"
                                         "complete")).status_code == 303
    page, ids = await listed(onboarding, f"?assignee=to:{name}&sort=step")
    assert ids == [str(first), str(second)], "discovery visit comes before the village"
    groups = re.findall(r'scope="rowgroup" colspan="5">([^<]+)<', text(page))
    assert groups == ["Visite de découverte", "Village choisi"]


async def test_filters_by_status_and_assignee(onboarding, db, raw_publish):
    name = team()
    kept, installed, abandoned, unassigned = await open_cases(
        onboarding, db, raw_publish, 4, qualified_by=name)
    staff_api = onboarding.staff()
    assert (await onboarding.client.post(
        f"/api/cases/{installed}/install", headers=staff_api,
        json={"village": "32013", "installed_on": datetime.date.today().isoformat(),
              "household_size": 1})).status_code == 201
    assert (await onboarding.client.post(f"/api/cases/{abandoned}/abandon", headers=staff_api,
                                         json={"reason": "Changed plans"})).status_code == 200
    assert (await onboarding.client.patch(f"/api/cases/{unassigned}", headers=staff_api,
                                          json={"assigned_to": None})).status_code == 200

    assert (await listed(onboarding, f"?assignee=to:{name}"))[1] == [str(kept)]
    assert (await listed(onboarding, f"?assignee=to:{name}&status=installed"))[1] == [
        str(installed)]
    assert (await listed(onboarding, f"?assignee=to:{name}&status=abandoned"))[1] == [
        str(abandoned)]
    everything = set((await listed(onboarding, f"?assignee=to:{name}&status=all"))[1])
    assert everything == {str(kept), str(installed), str(abandoned)}
    nobody = (await listed(onboarding, "?assignee=none&status=all"))[1]
    assert str(unassigned) in nobody and str(kept) not in nobody
    page, _ = await listed(onboarding, "")
    assert f'<option value="to:{name}">' in text(page), "the assignee is a choice"
    odd, ids = await listed(onboarding, f"?assignee=to:{name}&status=bogus&sort=nope")
    assert odd.status_code == 200 and ids == [str(kept)]
    assert "n'est pas compris" in text(odd) and 'data-testid="error-summary"' in odd.text


@pytest.fixture
def statements(monkeypatch):
    """Counts the statements the service sends (every asyncpg fetch, fetchrow, fetchval,
    execute) while a test runs."""
    import asyncpg

    counted = []
    for method in ("fetch", "fetchrow", "fetchval", "execute"):
        original = getattr(asyncpg.Connection, method)

        def counting(self, *args, _original=original, **kwargs):
            counted.append(args[0] if args else "")
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(asyncpg.Connection, method, counting)
    return counted


def onboardings(statements: list[str]) -> int:
    """The statements about cases (the relay polling its outbox meanwhile is left out)."""
    return sum(1 for s in statements if re.search(r"\b(cases|case_steps|members)\b", s))


async def test_the_list_is_keyset_paged_in_as_many_statements_whatever_its_length(
        onboarding, db, raw_publish, statements):
    name = team()
    cases = await open_cases(onboarding, db, raw_publish, 27, qualified_by=name)
    for days, case_id in enumerate(cases):  # due dates one day apart
        await shift_due_dates(db, case_id, days)
    statements.clear()
    page, first = await listed(onboarding, f"?assignee=to:{name}")
    long_page = onboardings(statements)
    assert len(first) == 25
    following = re.search(r'href="([^"]+)" rel="next"', page.text).group(1)
    statements.clear()
    page, second = await listed(onboarding, html.unescape(following)[len("/staff/cases/"):])
    assert len(second) == 2 and 'rel="next"' not in page.text
    assert onboardings(statements) == long_page == 2, "the page and the assignees, no more"
    assert first + second == [str(c) for c in reversed(cases)], "the most overdue first"
    assert "Revenir au début de la liste" in text(page)
    broken, ids = await listed(onboarding, f"?assignee=to:{name}&after=nonsense")
    assert broken.status_code == 200 and ids == first
    assert "Cette page de la liste n'existe plus" in text(broken)


# --- the case page -------------------------------------------------------------------------

async def test_the_case_page_shows_the_household_checklist_and_matches(
        onboarding, db, raw_publish):
    [case] = await open_cases(onboarding, db, raw_publish, 1, household_size=3, children=1,
                              first_name="Sanne", last_name="Jansen",
                              target_villages=["32233"])
    await shift_due_dates(db, case, 35)
    page = await open_page(onboarding, case)
    shown = text(page)
    assert '<html lang="fr">' in page.text and page.headers["cache-control"] == "no-store"
    assert "Dossier de Sanne Jansen" in shown and "3 personnes dont 1 enfant" in shown
    assert "En retard de 5 jours" in shown
    village_chosen = shown[shown.index('data-testid="step-village_chosen"'):]
    assert "Attend : Visite de découverte" in village_chosen[:1500]
    assert "/steps/village_chosen/complete" not in village_chosen[:3000]
    assert "Inscription à l'école" in shown
    # The matches: the API's ranking, in a list and numbered on the map.
    api = (await onboarding.client.get(f"/api/cases/{case}/matches",
                                       headers=onboarding.staff())).json()
    listed_names = re.findall(r"<li><strong>([^<]+)</strong>",
                              shown[shown.index('data-testid="matches"'):])
    assert listed_names == [m["name"] for m in api] and listed_names[0] == "Marciac"
    assert "souhaité par le foyer" in shown
    svg = page.text[page.text.index("<svg"):page.text.index("</svg>")]
    assert 'role="img"' in svg and "<title id=\"map-title\">Carte du Gers" in svg
    assert sorted(int(n) for n in re.findall(r'data-rank="(\d+)"', svg)) == list(range(1, 11))
    assert re.search(r'<option value="32233" selected>1\. Marciac</option>', page.text)
    assert f'value="{datetime.date.today().isoformat()}"' in page.text or \
        "installed_on" in page.text
    english = text(await open_page(onboarding, case, "?lang=en"))
    assert "Case of Sanne Jansen" in english and "Waits for: Discovery visit" in english
    assert "wished by the household" in english and "5 days overdue" in english


async def test_complete_skip_and_reopen_steps_with_their_forms(onboarding, db, raw_publish):
    [case] = await open_cases(onboarding, db, raw_publish, 1)
    page = await open_page(onboarding, case)
    done = await post(onboarding, page, f"/staff/cases/{case}/steps/discovery_visit/complete")
    assert done.status_code == 303
    assert done.headers["location"] == (f"/staff/cases/{case}?done=complete"
                                        "#step-discovery_visit")
    page = await open_page(onboarding, case, "?done=complete")
    shown = text(page)
    assert "L'étape est marquée comme faite." in shown
    visit = shown[shown.index('data-testid="step-discovery_visit"'):]
    assert "Faite le" in visit[:800] and "par Marie Dupont" in visit[:800]
    step = await db.fetchrow("SELECT * FROM case_steps WHERE case_id = $1 AND "
                             "key = 'discovery_visit'", case)
    assert step["status"] == "done" and step["resolved_by"] == "Marie Dupont"

    no_reason = await post(onboarding, page, f"/staff/cases/{case}/steps/housing_found/skip",
                           {"reason": "   "})
    assert no_reason.status_code == 422
    assert 'data-testid="error-summary"' in no_reason.text
    assert 'href="#reason-housing_found"' in no_reason.text
    assert 'id="reason-housing_found" name="reason" rows="2" aria-describedby=' in \
        no_reason.text
    skipped = await post(onboarding, page, f"/staff/cases/{case}/steps/housing_found/skip",
                         {"reason": "Déjà propriétaire"})
    assert skipped.status_code == 303
    page = await open_page(onboarding, case)
    assert "Sans objet (Déjà propriétaire)" in text(page)

    reopened = await post(onboarding, page, f"/staff/cases/{case}/steps/housing_found/reopen")
    assert reopened.status_code == 303
    assert await db.fetchval("SELECT status FROM case_steps WHERE case_id = $1 AND "
                             "key = 'housing_found'", case) == "pending"


async def test_a_step_the_rules_refuse_is_409_saying_why(onboarding, db, raw_publish):
    [case] = await open_cases(onboarding, db, raw_publish, 1)
    page = await open_page(onboarding, case)
    early = await post(onboarding, page, f"/staff/cases/{case}/steps/village_chosen/complete")
    assert early.status_code == 409
    assert "L'étape « Village choisi » attend d'abord : Visite de découverte." in text(early)
    assert await db.fetchval("SELECT status FROM case_steps WHERE case_id = $1 AND "
                             "key = 'village_chosen'", case) == "pending"
    page = await open_page(onboarding, case)
    assert (await post(onboarding, page, f"/staff/cases/{case}/steps/discovery_visit/"
                                         "complete")).status_code == 303
    page = await open_page(onboarding, case)
    assert (await post(onboarding, page, f"/staff/cases/{case}/steps/village_chosen/"
                                         "complete")).status_code == 303
    page = await open_page(onboarding, case)
    blocked = await post(onboarding, page, f"/staff/cases/{case}/steps/discovery_visit/reopen")
    assert blocked.status_code == 409
    assert "nécessaire à des étapes déjà faites : Village choisi" in text(blocked)


async def test_a_stale_form_is_409_keeps_what_was_typed_and_changes_nothing(
        onboarding, db, raw_publish):
    [case] = await open_cases(onboarding, db, raw_publish, 1)
    seen = await open_page(onboarding, case)
    meanwhile = await open_page(onboarding, case)
    assert (await post(onboarding, meanwhile, f"/staff/cases/{case}/steps/discovery_visit/"
                                              "complete")).status_code == 303
    stale = await post(onboarding, seen, f"/staff/cases/{case}/steps/business_setup/skip",
                       {"reason": "Salariée d'une entreprise néerlandaise"})
    assert stale.status_code == 409
    shown = text(stale)
    assert "Le dossier a changé entre-temps" in shown
    assert ">Salariée d'une entreprise néerlandaise</textarea>" in shown
    assert await db.fetchval("SELECT status FROM case_steps WHERE case_id = $1 AND "
                             "key = 'business_setup'", case) == "pending"
    typed = await post(onboarding, seen, f"/staff/cases/{case}/install",
                       {"village": "32160", "installed_on": "2026-03-01",
                        "household_size": "4"})
    assert typed.status_code == 409
    assert '<option value="32160" selected>' in typed.text and 'value="2026-03-01"' in \
        typed.text and 'value="4"' in typed.text
    no_revision = await onboarding.client.post(
        f"/staff/cases/{case}/steps/business_setup/complete",
        data={"csrftoken": CSRF.search(seen.text).group(1)}, headers=STAFF)
    assert no_revision.status_code == 409
    assert await db.fetchval("SELECT status FROM cases WHERE id = $1", case) == "open"


async def test_install_publishes_solo_installed_through_the_outbox(
        onboarding, db, raw_publish):
    [case] = await open_cases(onboarding, db, raw_publish, 1, household_size=2,
                              target_villages=["32233"])
    page = await open_page(onboarding, case)
    day = datetime.date.today() - datetime.timedelta(days=3)
    done = await post(onboarding, page, f"/staff/cases/{case}/install",
                      {"village": "32233", "installed_on": day.isoformat(),
                       "household_size": "3"})
    assert done.status_code == 303, done.text
    assert done.headers["location"] == f"/staff/cases/{case}?done=install#install"

    async def published():
        rows = await db.fetch("SELECT body, published_at FROM outbox "
                              "WHERE type = 'solo.installed'")
        found = [r for r in rows if json.loads(r["body"])["data"]["case_id"] == str(case)]
        return found[0] if found and found[0]["published_at"] else None

    row = await wait_for(published, timeout=20, message="solo.installed published")
    data = json.loads(row["body"])["data"]
    assert data["village"] == {"insee_code": "32233", "name": "Marciac"}
    assert data["installed_on"] == day.isoformat() and data["household_size"] == 3

    page = await open_page(onboarding, case, "?done=install")
    shown = text(page)
    assert "L'installation est enregistrée." in shown
    assert re.search(r'data-testid="status">Installé<', page.text)
    assert "Installé à Marciac le" in shown and 'action="/staff/cases/' + str(case) + \
        '/install"' not in page.text
    follow_ups = shown[shown.index('data-testid="follow-ups"'):]
    for months in ("1 mois", "6 mois", "12 mois"):
        assert months in follow_ups
    assert "Pas encore enregistré" in follow_ups
    member = data["member_id"]
    assert (await onboarding.client.put(
        f"/api/members/{member}/follow-ups/1", headers=onboarding.staff(),
        json={"still_here": True, "activity_going": False, "note": "Bien installés"}
    )).status_code == 200
    follow_ups = text(await open_page(onboarding, case))
    assert "Toujours là, activité arrêtée" in follow_ups and "Bien installés" in follow_ups
    again = await post(onboarding, page, f"/staff/cases/{case}/install",
                       {"village": "32233", "installed_on": day.isoformat(),
                        "household_size": "3"})
    assert again.status_code == 409 and "Ce dossier est déjà installé." in text(again)


async def test_install_with_bad_fields_is_422_naming_them(onboarding, db, raw_publish):
    [case] = await open_cases(onboarding, db, raw_publish, 1)
    page = await open_page(onboarding, case)
    bad = await post(onboarding, page, f"/staff/cases/{case}/install",
                     {"village": "75056", "installed_on": "31/02/2026",
                      "household_size": "zéro"})
    assert bad.status_code == 422
    summary = text(bad)[text(bad).index('data-testid="error-summary"'):]
    for field in ("#village", "#installed_on", "#household_size"):
        assert f'href="{field}"' in summary
    assert 'value="31/02/2026"' in bad.text and 'value="zéro"' in text(bad)
    far = await post(onboarding, page, f"/staff/cases/{case}/install",
                     {"village": "32013", "installed_on": "2099-01-01",
                      "household_size": "2"})
    assert far.status_code == 422 and 'href="#installed_on"' in far.text
    assert "entre le 1er janvier 2000 et un an après aujourd'hui" in text(far)
    assert await db.fetchval("SELECT status FROM cases WHERE id = $1", case) == "open"
    assert not await db.fetchval("SELECT count(*) FROM members WHERE case_id = $1", case)


async def test_abandon_after_a_confirmation_with_a_reason(onboarding, db, raw_publish):
    [case] = await open_cases(onboarding, db, raw_publish, 1)
    page = await open_page(onboarding, case)
    assert f'href="/staff/cases/{case}/abandon"' in page.text
    confirm = await onboarding.client.get(f"/staff/cases/{case}/abandon", headers=STAFF)
    assert confirm.status_code == 200
    assert "Abandonner le dossier de Anna de Vries ?" in text(confirm)
    empty = await post(onboarding, confirm, f"/staff/cases/{case}/abandon", {"reason": ""})
    assert empty.status_code == 422 and 'href="#abandon-reason"' in empty.text
    done = await post(onboarding, confirm, f"/staff/cases/{case}/abandon",
                      {"reason": "Projet reporté d'un an"})
    assert done.status_code == 303
    page = await open_page(onboarding, case, "?done=abandon")
    shown = text(page)
    assert "Le dossier est abandonné." in shown and "Projet reporté d'un an" in shown
    assert "/steps/" not in page.text, "an abandoned case's checklist is closed"
    stale = await post(onboarding, confirm, f"/staff/cases/{case}/abandon",
                       {"reason": "Encore"})
    assert stale.status_code == 409 and "Le dossier a changé" in text(stale)
    assert re.search(r'data-testid="typed">Encore<', stale.text), "what was typed, kept"
    fresh = await open_page(onboarding, case)  # its forms carry the current revision
    twice = await post(onboarding, fresh, f"/staff/cases/{case}/abandon", {"reason": "Encore"})
    assert twice.status_code == 409 and "Ce dossier est clos" in text(twice)


async def test_who_follows_the_case(onboarding, db, raw_publish):
    [case] = await open_cases(onboarding, db, raw_publish, 1, qualified_by=team())
    page = await open_page(onboarding, case)
    assert "M'attribuer le dossier" in text(page)
    mine = await post(onboarding, page, f"/staff/cases/{case}/assignee",
                      {"assigned_to": "Marie Dupont"})
    assert mine.status_code == 303
    page = await open_page(onboarding, case)
    assert re.search(r'data-testid="assignee">Marie Dupont<', page.text)
    assert "M'attribuer le dossier" not in text(page)
    too_long = await post(onboarding, page, f"/staff/cases/{case}/assignee",
                          {"assigned_to": "x" * 101})
    assert too_long.status_code == 422 and 'href="#assigned_to"' in too_long.text
    nobody = await post(onboarding, page, f"/staff/cases/{case}/assignee", {"assigned_to": ""})
    assert nobody.status_code == 303
    assert await db.fetchval("SELECT assigned_to FROM cases WHERE id = $1", case) is None


# --- a prospect's installation, for the prospect file ---------------------------------------

async def test_a_prospects_installation_as_a_fragment_and_as_a_page(
        onboarding, db, raw_publish):
    [case] = await open_cases(onboarding, db, raw_publish, 1)
    prospect = await db.fetchval("SELECT prospect_id FROM cases WHERE id = $1", case)
    page = await open_page(onboarding, case)
    assert (await post(onboarding, page, f"/staff/cases/{case}/steps/discovery_visit/"
                                         "complete")).status_code == 303
    fragment = await onboarding.client.get(f"/staff/cases/of-prospect/{prospect}",
                                           headers=STAFF | {"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert "hx-request" in fragment.headers["vary"].lower()
    entries = re.findall(r'<li class="entry"><p class="entry-head"><time datetime="([^"]+)">',
                         fragment.text)
    assert len(entries) == 2, "the opening and the step done"
    assert "Étape faite : Visite de découverte" in text(fragment)
    assert f'href="/staff/cases/{case}"' in fragment.text
    full = await onboarding.client.get(f"/staff/cases/of-prospect/{prospect}", headers=STAFF)
    assert '<html lang="fr">' in full.text and "Étape faite" in text(full)
    none = await onboarding.client.get(f"/staff/cases/of-prospect/{uuid.uuid4()}",
                                       headers=STAFF | {"HX-Request": "true"})
    assert none.status_code == 200 and "Pas encore de dossier d'installation" in text(none)
    assert "<li" not in none.text


# --- refusals ------------------------------------------------------------------------------

async def test_unknown_and_malformed_ids_are_the_404_page(onboarding, db, raw_publish):
    [case] = await open_cases(onboarding, db, raw_publish, 1)
    page = await open_page(onboarding, case)
    for path in (f"/staff/cases/{uuid.uuid4()}", "/staff/cases/not-a-case",
                 f"/staff/cases/{uuid.uuid4()}/abandon", "/staff/cases/12/abandon",
                 "/staff/cases/of-prospect/nonsense"):
        answer = await onboarding.client.get(path, headers=STAFF)
        assert answer.status_code == 404, path
        assert "Page introuvable" in text(answer)
    for path in (f"/staff/cases/{uuid.uuid4()}/steps/discovery_visit/complete",
                 "/staff/cases/oops/install", f"/staff/cases/{case}/steps/no_such/complete",
                 f"/staff/cases/{case}/steps/discovery_visit/explode",
                 f"/staff/cases/{case}/teleport", f"/staff/cases/{uuid.uuid4()}/install"):
        answer = await post(onboarding, page, path)
        assert answer.status_code == 404, path


@pytest.mark.parametrize("role, scope", [(Role.COMMITTEE, {"village": "32013"}),
                                         (Role.SOLO, {"member": uuid.uuid4()})])
async def test_only_staff_see_the_case_pages(onboarding, db, raw_publish, role, scope):
    [case] = await open_cases(onboarding, db, raw_publish, 1)
    other = {FORWARDED_IDENTITY: issue_token(SECRET, role, **scope)}
    for path in ("/staff/cases/", f"/staff/cases/{case}", f"/staff/cases/{case}/abandon",
                 f"/staff/cases/of-prospect/{uuid.uuid4()}"):
        answer = await onboarding.client.get(path, headers=other)
        assert answer.status_code == 403, path
        assert "Accès refusé" in text(answer)
        assert (await onboarding.client.get(path)).status_code == 401
    page = await open_page(onboarding, case)
    refused = await post(onboarding, page, f"/staff/cases/{case}/steps/discovery_visit/"
                                           "complete", headers=other)
    assert refused.status_code == 403
    assert await db.fetchval("SELECT status FROM case_steps WHERE case_id = $1 AND "
                             "key = 'discovery_visit'", case) == "pending"


async def test_a_form_without_its_csrf_field_is_403(onboarding, db, raw_publish):
    [case] = await open_cases(onboarding, db, raw_publish, 1)
    page = await open_page(onboarding, case)
    answer = await onboarding.client.post(
        f"/staff/cases/{case}/steps/discovery_visit/complete",
        data={"revision": REVISION.search(page.text).group(1)}, headers=STAFF)
    assert answer.status_code == 403
