"""The staff's prospect file (/staff/prospects/{id}) behind the front door: the front door
passes identity's token on in X-Soho-Identity. The page shows what the person sent; its
forms (note, follow-up, stage, qualification, erasure) call the API's use cases, carry the
CSRF field and the revision they were built from (a stale one: 409, input kept, nothing
changed); the export as JSON and as a page; 404 for unknown and malformed ids; staff only;
French and English."""

import html
import os
import re
import uuid

import pytest

from shared.auth import FORWARDED_IDENTITY, Role, issue_token
from tests.support.waiting import wait_for

from .helpers import counts, events_about, person

SECRET = os.environ["SOHO_SECRET"]
CSRF = re.compile(r'name="csrftoken" value="([^"]+)"')
REVISION = re.compile(r'name="revision" value="([^"]*)"')


def staff(name: str = "Marie Dupont") -> dict[str, str]:
    return {FORWARDED_IDENTITY: issue_token(SECRET, Role.STAFF, sub=str(uuid.uuid4()),
                                            name=name)}


STAFF = staff()


@pytest.fixture(autouse=True)
def no_cookies_kept(prospects):
    """Each test starts as a new browser would (no language kept, no CSRF cookie)."""
    prospects.client.cookies.clear()
    yield
    prospects.client.cookies.clear()


async def new_prospect(prospects, **changes) -> tuple[str, dict]:
    body = person(**changes)
    answer = await prospects.client.post("/api/contacts", json=body)
    assert answer.status_code in (200, 201, 202), answer.text
    return answer.json()["prospect_id"], body


async def open_file(prospects, pid: str, query: str = "", headers=None):
    page = await prospects.client.get(f"/staff/prospects/{pid}{query}",
                                      headers=headers or STAFF)
    assert page.status_code == 200, page.text
    return page


def form_fields(page) -> dict[str, str]:
    return {"csrftoken": CSRF.search(page.text).group(1),
            "revision": REVISION.search(page.text).group(1)}


async def post(prospects, page, path: str, data: dict, headers=None):
    return await prospects.client.post(path, data=form_fields(page) | data,
                                       headers=headers or STAFF)


def text(page) -> str:
    return html.unescape(page.text)


def timeline(page) -> str:
    body = text(page)
    return body[body.index('data-testid="timeline"'):]


async def test_the_file_shows_what_the_person_sent(prospects):
    pid, body = await new_prospect(
        prospects, phone="+33 6 12 34 56 78", origin_city="Rotterdam", origin_country="NL",
        profession="Développeuse", sector="digital", household_adults=2,
        household_children=1, desired_villages=["32233", "32160"],
        move_horizon="within_a_year", message="Nous cherchons une maison avec jardin.")

    page = await open_file(prospects, pid)
    shown = text(page)
    assert '<html lang="fr">' in page.text
    assert page.headers["cache-control"] == "no-store"
    for fact in (body["first_name"], body["last_name"], body["email"], "+33 6 12 34 56 78",
                 "Rotterdam", "Pays-Bas", "Développeuse", "Numérique, informatique",
                 "Marciac, Isle-Jourdain", "D'ici un an", "Nous cherchons une maison",
                 "Version 2025-01", "J'accepte que l'équipe Soho Solo", "Nouveau"):
        assert fact in shown, fact
    assert "Nous cherchons une maison avec jardin." in timeline(page)
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT', page.text)
    assert re.search(r"<h1>[^<]*" + re.escape(body["last_name"]), shown)

    english = await open_file(prospects, pid, "?lang=en")
    shown = text(english)
    assert '<html lang="en">' in english.text
    for fact in ("Netherlands", "Digital, IT", "Within a year", "Timeline", "Add a note",
                 "Got in touch (web form)", "New"):
        assert fact in shown, fact


LINKED = {"installation-case": ("/staff/cases/of-prospect/{pid}",
                                 "Dossier d'installation", "Voir le dossier d'installation",
                                 "Installation case", "See the installation case"),
          "emails-sent": ("/staff/deliveries/of-prospect/{pid}", "Emails envoyés",
                          "Voir les emails envoyés", "Emails sent", "See the emails sent")}


def region(page, region_id: str) -> str:
    """The <section> holding one region other services fill, as served (before htmx)."""
    found = re.search(r'<section class="linked-timeline" aria-labelledby="'
                      + region_id + r'-title">(.*?)</section>', text(page), re.S)
    assert found, region_id
    return found.group(1)


async def test_the_timeline_has_regions_that_onboarding_and_notifications_fill(prospects):
    """Two regions of the timeline load the installation case's steps and the emails sent
    from onboarding and notifications through the front door (htmx, once the page is
    there); each is headed under the timeline's h2 and holds a plain link to that page,
    which is all there is without JavaScript."""
    pid, _ = await new_prospect(prospects)
    french, english = await open_file(prospects, pid), await open_file(prospects, pid,
                                                                        "?lang=en")
    assert "htmx.min.js" in french.text and "busy-regions.js" in french.text
    body = text(french)
    headings = re.findall(r"<h(\d)[ >]", body)
    assert all(int(b) - int(a) <= 1 for a, b in zip(headings, headings[1:])), headings
    assert (body.index('<h2 id="timeline">') < body.index('id="installation-case-title"')
            < body.index('id="emails-sent-title"') < body.index('<h2 id="actions">'))
    for region_id, (url, fr_title, fr_link, en_title, en_link) in LINKED.items():
        url = url.format(pid=pid)
        for page, title, link in ((french, fr_title, fr_link), (english, en_title, en_link)):
            shown = region(page, region_id)
            assert f'<h3 id="{region_id}-title">{title}</h3>' in shown
            assert re.search(r'<div class="linked-body" id="' + region_id + r'"[^>]*'
                             r'aria-live="polite"[^>]*hx-get="' + re.escape(url)
                             + r'" hx-trigger="load" hx-swap="innerHTML"'
                             r' data-busy-while-loading>', shown), shown
            assert "aria-busy" not in shown  # busy only while htmx loads it
            assert f'<p><a href="{url}">{link}</a></p>' in shown


async def test_a_note_goes_on_the_timeline_newest_first(prospects):
    pid, _ = await new_prospect(prospects)
    page = await open_file(prospects, pid)
    done = await post(prospects, page, f"/staff/prospects/{pid}/note",
                      {"text": "Visio mardi à 10 h."})
    assert done.status_code == 303
    assert done.headers["location"].startswith(f"/staff/prospects/{pid}?done=note")

    again = await open_file(prospects, pid, "?done=note")
    entries = timeline(again)
    assert "La note est ajoutée" in text(again)
    assert entries.index("Visio mardi à 10 h.") < entries.index("Prise de contact")
    assert "par Marie Dupont" in entries


async def test_assigning_and_moving_along_the_stages(prospects):
    pid, _ = await new_prospect(prospects)
    page = await open_file(prospects, pid)
    assert (await post(prospects, page, f"/staff/prospects/{pid}/assignee",
                       {"assigned_to": "Luc Martin"})).status_code == 303
    page = await open_file(prospects, pid)
    assert re.search(r'data-testid="assignee">Luc Martin<', page.text)
    assert "Suivi : personne → Luc Martin" in timeline(page)

    moved = await post(prospects, page, f"/staff/prospects/{pid}/stage",
                       {"stage": "contacted", "reason": ""})
    assert moved.status_code == 303
    page = await open_file(prospects, pid)
    assert re.search(r'data-testid="stage">Contacté<', page.text)
    assert "Étape : Nouveau → Contacté" in text(page)

    # Lost without a reason: 422, the field named, nothing changed.
    refused = await post(prospects, page, f"/staff/prospects/{pid}/stage",
                         {"stage": "lost", "reason": ""})
    assert refused.status_code == 422
    assert 'href="#reason"' in refused.text and 'aria-invalid="true"' in refused.text
    page = await open_file(prospects, pid)
    assert re.search(r'data-testid="stage">Contacté<', page.text)


async def test_qualifying_shows_the_score_and_publishes_prospect_qualified(prospects,
                                                                          listener):
    pid, body = await new_prospect(prospects, desired_villages=["32233"])
    page = await open_file(prospects, pid, "?lang=en")
    assert 'value="Marciac"' in page.text, "the qualify form starts from the desired villages"
    done = await post(prospects, page, f"/staff/prospects/{pid}/qualify", {
        "remote_work_viability": "confirmed", "household_adults": "2",
        "household_children": "1", "village_1": "Marciac", "village_2": "l'isle jourdain",
        "village_3": "", "move_horizon": "within_6_months", "sector": "engineering",
        "notes": "Employer agreed."})
    assert done.status_code == 303, done.text

    page = await open_file(prospects, pid, "?lang=en")
    shown = text(page)
    assert re.search(r'data-testid="score">100<', page.text)
    for reason in ("Work from a village: Confirmed", "Horizon: Within 6 months",
                   "Villages agreed: Marciac, Isle-Jourdain",
                   "Children in the household: 1", "Adults in the household: 2",
                   "Qualified, score 100 out of 100", "Employer agreed."):
        assert reason in shown, reason
    assert 'id="form-qualify"' not in page.text, "qualified once"

    [event] = await wait_for(lambda: events_about(listener, "prospect.qualified", pid),
                             timeout=20, message="prospect.qualified")
    assert event["data"]["score"] == 100 and event["data"]["email"] == body["email"]
    assert event["data"]["qualified_by"] == "Marie Dupont"
    assert event["data"]["target_villages"] == ["32233", "32160"]


async def test_a_bad_qualification_names_its_fields_and_keeps_the_input(prospects):
    pid, _ = await new_prospect(prospects)
    page = await open_file(prospects, pid)
    refused = await post(prospects, page, f"/staff/prospects/{pid}/qualify", {
        "remote_work_viability": "", "household_adults": "deux",
        "household_children": "0", "village_1": "Atlantis", "move_horizon": "later",
        "sector": "", "notes": "à revoir"})
    assert refused.status_code == 422
    shown = text(refused)
    for field in ("remote_work_viability", "household_adults", "village_1"):
        assert f'href="#{field}"' in refused.text, field
    assert "« Atlantis » n'est pas une commune du Gers." in shown
    assert 'value="deux"' in refused.text and "à revoir</textarea>" in shown


async def test_a_stale_form_is_a_409_with_the_input_kept_and_nothing_changed(prospects, db):
    pid, _ = await new_prospect(prospects)
    mine = await open_file(prospects, pid)
    theirs = await open_file(prospects, pid, headers=staff("Luc Martin"))
    assert (await post(prospects, theirs, f"/staff/prospects/{pid}/assignee",
                       {"assigned_to": "Luc Martin"},
                       headers=staff("Luc Martin"))).status_code == 303
    before = await counts(db)

    stale = await post(prospects, mine, f"/staff/prospects/{pid}/note",
                       {"text": "Ma note à ne pas perdre"})
    assert stale.status_code == 409
    shown = text(stale)
    assert "Cette fiche a changé pendant que vous la lisiez" in shown
    assert "Ma note à ne pas perdre</textarea>" in shown, "the input is kept"
    assert re.search(r'data-testid="assignee">Luc Martin<', stale.text), "the file as it is"
    assert await counts(db) == before, "nothing written"
    stage = await post(prospects, mine, f"/staff/prospects/{pid}/stage",
                       {"stage": "lost", "reason": "Parti ailleurs"})
    assert stage.status_code == 409 and "Parti ailleurs</textarea>" in text(stage)
    assert await db.fetchval("SELECT stage FROM prospects WHERE id = $1",
                             uuid.UUID(pid)) == "new"

    # The 409 page carries the current revision: sent again, it goes through.
    assert (await post(prospects, stale, f"/staff/prospects/{pid}/note",
                       {"text": "Ma note à ne pas perdre"})).status_code == 303


async def test_the_export_as_json_and_as_a_page(prospects):
    pid, body = await new_prospect(prospects, message="Un message à exporter.",
                                   origin_country="BE")
    page = await open_file(prospects, pid)
    await post(prospects, page, f"/staff/prospects/{pid}/note", {"text": "Note exportée"})

    exported = await prospects.client.get(f"/staff/prospects/{pid}/export.json",
                                          headers=STAFF)
    assert exported.status_code == 200
    assert exported.headers["content-type"] == "application/json"
    assert "attachment" in exported.headers["content-disposition"]
    data = exported.json()
    assert data["prospect"]["email"] == body["email"]
    assert data["prospect"]["contacts"][0]["submitted"]["message"] == "Un message à exporter."
    assert [e["kind"] for e in data["prospect"]["timeline"]] == ["contact", "note"]
    api = await prospects.client.get(f"/api/prospects/{pid}/export",
                                     headers=prospects.staff())
    assert {k for k in api.json()["prospect"]} == {k for k in data["prospect"]}, \
        "the same export as the API"

    readable = await prospects.client.get(f"/staff/prospects/{pid}/export?lang=en",
                                          headers=STAFF)
    assert readable.status_code == 200
    shown = text(readable)
    for fact in (f"All the data on {body['first_name']} {body['last_name']}", body["email"],
                 "Belgium", "Un message à exporter.", "Note exportée", "Contacts",
                 "Version 2025-01"):
        assert fact in shown, fact


async def test_erasure_confirms_what_goes_then_erases(prospects, listener, db):
    pid, body = await new_prospect(prospects, message="Effacez-moi")
    page = await open_file(prospects, pid)
    await post(prospects, page, f"/staff/prospects/{pid}/note", {"text": "Appelée lundi"})

    confirm = await prospects.client.get(f"/staff/prospects/{pid}/erase", headers=STAFF)
    assert confirm.status_code == 200
    shown = text(confirm)
    for words in (f"Effacer {body['first_name']} {body['last_name']} ?",
                  "ce que la personne a écrit dans sa prise de contact",
                  "le texte de la note", "son consentement enregistré",
                  "Les autres services",
                  "Effacer définitivement"):
        assert words in shown, words
    english = await prospects.client.get(f"/staff/prospects/{pid}/erase?lang=en",
                                         headers=STAFF)
    assert "Erase for good" in text(english) and "the 1 note" not in text(english)

    erased = await post(prospects, confirm, f"/staff/prospects/{pid}/erase", {})
    assert erased.status_code == 303
    [event] = await wait_for(lambda: events_about(listener, "prospect.erased", pid),
                             timeout=20, message="prospect.erased")
    assert event["data"] == {"prospect_id": pid}
    assert await db.fetchval("SELECT email FROM prospects WHERE id = $1",
                             uuid.UUID(pid)) is None

    after = await prospects.client.get(f"/staff/prospects/{pid}?lang=fr", headers=STAFF)
    assert after.status_code == 410
    shown = text(after)
    assert "Cette personne a été effacée" in shown
    for gone in (body["email"], body["last_name"], "Effacez-moi", "Appelée lundi"):
        assert gone not in shown, gone
    for path in ("/export", "/export.json", "/erase"):
        again = await prospects.client.get(f"/staff/prospects/{pid}{path}", headers=STAFF)
        assert again.status_code == 410 and body["email"] not in again.text


async def test_a_stale_erasure_is_a_409_and_erases_nothing(prospects, db):
    pid, _ = await new_prospect(prospects)
    confirm = await prospects.client.get(f"/staff/prospects/{pid}/erase", headers=STAFF)
    page = await open_file(prospects, pid)
    await post(prospects, page, f"/staff/prospects/{pid}/note", {"text": "Elle rappelle"})
    stale = await post(prospects, confirm, f"/staff/prospects/{pid}/erase", {})
    assert stale.status_code == 409
    assert "Cette fiche a changé" in text(stale)
    assert await db.fetchval("SELECT erased_at FROM prospects WHERE id = $1",
                             uuid.UUID(pid)) is None


@pytest.mark.parametrize("path", [f"/staff/prospects/{uuid.uuid4()}", "/staff/prospects/42",
                                  "/staff/prospects/not-an-id",
                                  f"/staff/prospects/{uuid.uuid4()}/export",
                                  f"/staff/prospects/{uuid.uuid4()}/export.json",
                                  f"/staff/prospects/{uuid.uuid4()}/erase",
                                  "/staff/prospects/nope/erase"])
async def test_an_unknown_or_malformed_id_is_the_404_page(prospects, path):
    answer = await prospects.client.get(path, headers=STAFF)
    assert answer.status_code == 404
    assert "Page introuvable" in text(answer) and "/assets/soho.css" in answer.text
    english = await prospects.client.get(path + "?lang=en", headers=STAFF)
    assert english.status_code == 404 and "Page not found" in english.text


async def test_a_post_to_an_unknown_prospect_is_the_404_page(prospects, db):
    pid, _ = await new_prospect(prospects)
    page = await open_file(prospects, pid)
    before = await counts(db)
    for path in (f"/staff/prospects/{uuid.uuid4()}/note", "/staff/prospects/x/note",
                 f"/staff/prospects/{pid}/nonsense"):
        answer = await post(prospects, page, path, {"text": "hello"})
        assert answer.status_code == 404, path
        assert "Page introuvable" in text(answer)
    assert await counts(db) == before


@pytest.mark.parametrize("role, scope", [(Role.SOLO, {"member": uuid.uuid4()}),
                                         (Role.COMMITTEE, {"village": "32233"})])
async def test_other_roles_are_refused_with_403(prospects, role, scope):
    pid, body = await new_prospect(prospects)
    headers = {FORWARDED_IDENTITY: issue_token(SECRET, role, **scope)}
    for path in ("", "/export", "/export.json", "/erase"):
        answer = await prospects.client.get(f"/staff/prospects/{pid}{path}", headers=headers)
        assert answer.status_code == 403, path
        assert body["email"] not in answer.text
    unsigned = await prospects.client.get(f"/staff/prospects/{pid}")
    assert unsigned.status_code == 401 and body["email"] not in unsigned.text

    # The forms too, with a good CSRF field: the role is checked before anything is read.
    page = await open_file(prospects, pid)
    for path in ("note", "assignee", "stage", "qualify", "erase"):
        refused = await post(prospects, page, f"/staff/prospects/{pid}/{path}",
                             {"text": "x"}, headers=headers)
        assert refused.status_code == 403, path
        unsigned = await prospects.client.post(f"/staff/prospects/{pid}/{path}",
                                               data=form_fields(page) | {"text": "x"})
        assert unsigned.status_code == 401, path
    assert "x" not in [e["details"].get("text") for e in (await prospects.client.get(
        f"/api/prospects/{pid}", headers=prospects.staff())).json()["timeline"]]


async def test_a_post_without_its_csrf_field_is_403_and_changes_nothing(prospects, db):
    pid, _ = await new_prospect(prospects)
    page = await open_file(prospects, pid)
    revision = REVISION.search(page.text).group(1)
    before = await counts(db)
    for path, data in ((f"/staff/prospects/{pid}/note", {"text": "x"}),
                       (f"/staff/prospects/{pid}/erase", {})):
        refused = await prospects.client.post(path, data={"revision": revision, **data},
                                              headers=STAFF)
        assert refused.status_code == 403, path
    assert await counts(db) == before
