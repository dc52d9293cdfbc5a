"""The staff's pipeline board, /staff/prospects/ (prospects' own page behind the front
door, which passes staff's token on in X-Soho-Identity): columns by stage with counts,
filters, paging by column, moving a card by form (and htmx), a stale move answered 409,
French and English. The run's database is shared: each test works among prospects of its
own (a unique assignee), or compares counts before and after."""

import html
import os
import re
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest

from shared.auth import FORWARDED_IDENTITY, Role, issue_token
from shared.web.formats import format_date

from .helpers import person

SECRET = os.environ["SOHO_SECRET"]


def identity(role: Role = Role.STAFF, **claims) -> dict[str, str]:
    claims.setdefault("name", "Marie Dupont")
    claims.setdefault("sub", "marie")
    return {FORWARDED_IDENTITY: issue_token(SECRET, role, **claims)}


@pytest.fixture(autouse=True)
def fresh_browser(prospects):
    """Each test starts as a new browser would: no language kept, no CSRF cookie."""
    prospects.client.cookies.clear()
    yield
    prospects.client.cookies.clear()


async def new_contact(prospects, **changes) -> str:
    answer = await prospects.client.post("/api/contacts", json=person(**changes))
    assert answer.status_code in (200, 201, 202), answer.text
    return answer.json()["prospect_id"]


async def assign(prospects, prospect_id: str, name: str) -> None:
    answer = await prospects.client.put(f"/api/prospects/{prospect_id}/assignee",
                                        json={"assigned_to": name}, headers=prospects.staff())
    assert answer.status_code == 200, answer.text


async def board(prospects, query: str = "", **kwargs):
    return await prospects.client.get(f"/staff/prospects/{query}", headers=identity(),
                                      **kwargs)


def column(page: str, stage: str) -> str:
    found = re.search(rf'<section class="board-column" id="column-{stage}".*?</section>',
                      page, re.S)
    assert found, stage
    return found.group(0)


def card_ids(section: str) -> list[str]:
    return re.findall(r'data-testid="card" data-id="([^"]+)"', section)


def count(page: str, stage: str) -> int:
    found = re.search(rf'data-testid="count-{stage}">([^<]+)<', page)
    return int(re.sub(r"\D", "", html.unescape(found.group(1))))


async def test_a_new_contact_appears_in_the_new_column_with_the_counts(prospects):
    before = await board(prospects)
    assert before.status_code == 200, before.text
    new_before = count(before.text, "new")
    prospect_id = await new_contact(prospects, origin_city="Lyon", origin_country="FR",
                                    sector="digital", household_adults=2,
                                    household_children=1, desired_villages=["32013"])
    after = await board(prospects)
    assert count(after.text, "new") == new_before + 1
    new = column(after.text, "new")
    assert card_ids(new)[0] == prospect_id, "newest first"
    card = html.unescape(new.split('data-testid="card"')[1])
    for shown in ("Lyon, France", "3 personnes", "Numérique, informatique", "Auch",
                  "Dernier contact aujourd'hui", f'href="/staff/prospects/{prospect_id}"',
                  f'action="/staff/prospects/{prospect_id}/move"', 'name="csrftoken"',
                  'name="seen_stage" value="new"', f'<label for="move-{prospect_id}">'):
        assert shown in card, shown
    assert after.headers["cache-control"] == "no-store"
    assert 'href="/staff/prospects/" aria-current="page"' in after.text, "the staff menu"


async def test_the_board_polls_itself_and_answers_204_while_nothing_changed(prospects):
    page = await board(prospects)
    poll = html.unescape(re.search(r'id="board" class="board-region" hx-get="([^"]+)"',
                                   page.text).group(1))
    assert 'hx-trigger="every 10s"' in page.text
    assert "fragment=1" in poll and "seen=" in poll
    same = await prospects.client.get(poll, headers=identity())
    assert same.status_code == 204 and same.text == ""
    prospect_id = await new_contact(prospects)
    changed = await prospects.client.get(poll, headers=identity())
    assert changed.status_code == 200
    assert changed.text.lstrip().startswith("<div id=\"board-status\"")
    assert "<html" not in changed.text and card_ids(column(changed.text, "new"))[0] == prospect_id


async def test_filters_narrow_the_board(prospects, db):
    who = f"agent-{uuid.uuid4().hex[:8]}"
    lyon = await new_contact(prospects, origin_country="FR", sector="digital",
                             desired_villages=["32013"])
    leeds = await new_contact(prospects, origin_country="GB", sector="health",
                              desired_villages=["32233"])
    bern = await new_contact(prospects, origin_country="CH", sector="digital")
    for prospect_id in (lyon, leeds, bern):
        await assign(prospects, prospect_id, who)
    await prospects.client.post(f"/api/prospects/{bern}/stage", json={"stage": "contacted"},
                                headers=prospects.staff())
    # Bern's first contact was a month ago.
    month_ago = datetime.now(UTC) - timedelta(days=31)
    await db.execute("UPDATE prospects SET created_at = $2 WHERE id = $1",
                     uuid.UUID(bern), month_ago)
    await db.execute("UPDATE prospect_villages SET created_at = $2 WHERE prospect_id = $1",
                     uuid.UUID(bern), month_ago)

    async def shown(query: str) -> dict[str, list[str]]:
        page = await board(prospects, f"?assignee=to:{who}&{query}")
        assert page.status_code == 200, page.text
        return {stage: card_ids(column(page.text, stage)) for stage in ("new", "contacted")}

    everyone = await board(prospects, f"?assignee=to:{who}")
    assert count(everyone.text, "new") == 2 and count(everyone.text, "contacted") == 1
    assert f'<option value="to:{who}" selected>' in everyone.text
    assert await shown("") == {"new": [leeds, lyon], "contacted": [bern]}
    assert await shown("country=GB") == {"new": [leeds], "contacted": []}
    assert await shown("sector=digital") == {"new": [lyon], "contacted": [bern]}
    assert await shown("village=32013") == {"new": [lyon], "contacted": []}
    today = datetime.now(UTC).date()
    assert await shown(f"from={today - timedelta(days=1)}") == {"new": [leeds, lyon],
                                                                "contacted": []}
    assert await shown(f"to={today - timedelta(days=2)}") == {"new": [], "contacted": [bern]}
    narrowed = await board(prospects, f"?assignee=to:{who}&sector=digital")
    assert count(narrowed.text, "new") == 1 and count(narrowed.text, "contacted") == 1
    assert '<option value="digital" selected>' in narrowed.text
    # Nobody assigned: none of these.
    unassigned = await board(prospects, "?assignee=none")
    assert not {lyon, leeds, bern} & set(card_ids(unassigned.text))


async def test_a_filter_that_makes_no_sense_is_said_and_dropped(prospects):
    page = await board(prospects, "?lang=en&from=yesterday&sector=astrology&after_new=x")
    assert page.status_code == 422
    text = html.unescape(page.text)
    assert 'data-testid="error-summary"' in page.text
    assert "The “first contact from” date must be a date" in text
    assert "There is no such filter: “Sector”" in text
    assert "“show the next ones” link of “New contacts” is no longer valid" in text
    assert 'href="#filter-from"' in page.text and "column-new" in page.text


async def test_a_move_by_form_changes_the_stage_and_the_timeline(prospects):
    who = f"agent-{uuid.uuid4().hex[:8]}"
    prospect_id = await new_contact(prospects)
    await assign(prospects, prospect_id, who)
    page = await board(prospects, f"?assignee=to:{who}")
    back = html.unescape(re.search(r'name="back" value="([^"]*)"', page.text).group(1))
    assert dict(parse_qsl(back)) == {"assignee": f"to:{who}"}
    moved = await prospects.client.post(
        f"/staff/prospects/{prospect_id}/move", headers=identity(),
        data={"csrftoken": prospects.client.cookies["csrftoken"], "stage": "contacted",
              "seen_stage": "new", "back": back})
    assert moved.status_code == 303
    where = urlsplit(moved.headers["location"])
    assert where.path == "/staff/prospects/"
    assert dict(parse_qsl(where.query)) == {"assignee": f"to:{who}", "moved": "contacted"}
    after = await prospects.client.get(moved.headers["location"], headers=identity())
    assert card_ids(column(after.text, "contacted")) == [prospect_id]
    assert card_ids(column(after.text, "new")) == []
    assert "La fiche est maintenant dans « Contactés »" in html.unescape(after.text)
    detail = (await prospects.client.get(f"/api/prospects/{prospect_id}",
                                         headers=prospects.staff())).json()
    assert detail["stage"] == "contacted"
    (entry,) = [e for e in detail["timeline"] if e["kind"] == "stage"]
    assert entry["details"] == {"from": "new", "to": "contacted"}
    assert entry["actor"] == "marie"


async def test_a_move_with_htmx_answers_the_board_region(prospects):
    who = f"agent-{uuid.uuid4().hex[:8]}"
    prospect_id = await new_contact(prospects)
    await assign(prospects, prospect_id, who)
    await board(prospects, f"?assignee=to:{who}&lang=en")
    moved = await prospects.client.post(
        f"/staff/prospects/{prospect_id}/move", headers={**identity(), "HX-Request": "true"},
        data={"csrftoken": prospects.client.cookies["csrftoken"], "stage": "contacted",
              "seen_stage": "new", "back": f"assignee=to:{who}"})
    assert moved.status_code == 200
    assert "<html" not in moved.text and 'id="board"' in moved.text
    assert 'hx-swap-oob="innerHTML"' in moved.text
    assert "file is now in “Contacted”" in html.unescape(moved.text)
    assert card_ids(column(moved.text, "contacted")) == [prospect_id]


async def test_a_stale_move_answers_409_saying_so_and_changes_nothing(prospects):
    who = f"agent-{uuid.uuid4().hex[:8]}"
    prospect_id = await new_contact(prospects)
    await assign(prospects, prospect_id, who)
    await board(prospects, f"?assignee=to:{who}")  # seen at "new"...
    # ...then someone else moves it to contacted.
    await prospects.client.post(f"/api/prospects/{prospect_id}/stage",
                                json={"stage": "contacted"}, headers=prospects.staff())
    stale = await prospects.client.post(
        f"/staff/prospects/{prospect_id}/move", headers=identity(),
        data={"csrftoken": prospects.client.cookies["csrftoken"], "stage": "lost",
              "reason": "Found a job in Lyon", "seen_stage": "new",
              "back": f"assignee=to:{who}"})
    assert stale.status_code == 409
    text = html.unescape(stale.text)
    assert "a été déplacé·e vers « Contactés » entre-temps" in text
    assert 'data-testid="error-summary"' in stale.text
    assert f'href="#move-{prospect_id}"' in stale.text
    card = column(stale.text, "contacted")
    assert card_ids(card) == [prospect_id]
    assert 'name="seen_stage" value="contacted"' in card, "the card as it now stands"
    assert '<option value="lost" selected>' in card, "the choice is kept"
    detail = (await prospects.client.get(f"/api/prospects/{prospect_id}",
                                         headers=prospects.staff())).json()
    assert detail["stage"] == "contacted"
    assert [e["details"]["to"] for e in detail["timeline"] if e["kind"] == "stage"] == [
        "contacted"]


async def test_lost_needs_a_reason_which_the_board_asks_for(prospects):
    who = f"agent-{uuid.uuid4().hex[:8]}"
    prospect_id = await new_contact(prospects)
    await assign(prospects, prospect_id, who)
    await board(prospects, f"?assignee=to:{who}&lang=en")
    token = prospects.client.cookies["csrftoken"]
    asked = await prospects.client.post(
        f"/staff/prospects/{prospect_id}/move", headers=identity(),
        data={"csrftoken": token, "stage": "lost", "seen_stage": "new",
              "back": f"assignee=to:{who}"})
    assert asked.status_code == 422
    assert f'<textarea id="reason-{prospect_id}" name="reason"' in asked.text
    assert f'href="#reason-{prospect_id}"' in asked.text
    done = await prospects.client.post(
        f"/staff/prospects/{prospect_id}/move", headers=identity(),
        data={"csrftoken": token, "stage": "lost", "seen_stage": "new",
              "reason": "Staying in Paris", "back": f"assignee=to:{who}"})
    assert done.status_code == 303
    after = await prospects.client.get(done.headers["location"], headers=identity())
    assert card_ids(column(after.text, "lost")) == [prospect_id]


async def test_moves_the_pipeline_forbids_or_for_nobody_are_refused(prospects):
    prospect_id = await new_contact(prospects)
    await board(prospects)
    token = prospects.client.cookies["csrftoken"]
    forbidden = await prospects.client.post(
        f"/staff/prospects/{prospect_id}/move", headers=identity(),
        data={"csrftoken": token, "stage": "installed", "seen_stage": "new"})
    assert forbidden.status_code == 409
    assert "ne peut pas passer de « Nouveau contact » à « Installé »" in html.unescape(
        forbidden.text)
    nobody = await prospects.client.post(
        f"/staff/prospects/{uuid.uuid4()}/move", headers=identity(),
        data={"csrftoken": token, "stage": "contacted", "seen_stage": "new"})
    assert nobody.status_code == 404 and "n'existe plus" in html.unescape(nobody.text)
    not_an_id = await prospects.client.post(
        "/staff/prospects/not-an-id/move", headers=identity(),
        data={"csrftoken": token, "stage": "contacted", "seen_stage": "new"})
    assert not_an_id.status_code == 404 and "<html" in not_an_id.text
    nonsense = await prospects.client.post(
        f"/staff/prospects/{prospect_id}/move", headers=identity(),
        data={"csrftoken": token, "stage": "heaven", "seen_stage": "new"})
    assert nonsense.status_code == 422
    detail = (await prospects.client.get(f"/api/prospects/{prospect_id}",
                                         headers=prospects.staff())).json()
    assert detail["stage"] == "new"


async def test_who_may_see_the_board_and_move_cards(prospects):
    nobody = await prospects.client.get("/staff/prospects/?lang=en")
    assert nobody.status_code == 401
    assert 'href="/sign-in?next=/staff/prospects/%3Flang%3Den"' in nobody.text
    forged = {FORWARDED_IDENTITY: issue_token("another-secret-of-at-least-32-bytes!!",
                                              Role.STAFF)}
    assert (await prospects.client.get("/staff/prospects/", headers=forged)).status_code == 401
    for role, scope in ((Role.SOLO, {"member": uuid.uuid4()}),
                        (Role.COMMITTEE, {"village": "32013"})):
        refused = await prospects.client.get("/staff/prospects/",
                                             headers=identity(role, **scope))
        assert refused.status_code == 403 and "Access refused" in refused.text  # ?lang=en kept
        assert 'data-testid="card"' not in refused.text
    prospect_id = await new_contact(prospects)
    await board(prospects)
    token = prospects.client.cookies["csrftoken"]
    solo = await prospects.client.post(
        f"/staff/prospects/{prospect_id}/move", headers=identity(Role.SOLO,
                                                                  member=uuid.uuid4()),
        data={"csrftoken": token, "stage": "contacted", "seen_stage": "new"})
    assert solo.status_code == 403
    for cookie in (None, token):  # no CSRF cookie, or the cookie without the field
        prospects.client.cookies.clear()
        if cookie:
            prospects.client.cookies.set("csrftoken", cookie)
        refused = await prospects.client.post(
            f"/staff/prospects/{prospect_id}/move", headers=identity(),
            data={"stage": "contacted", "seen_stage": "new"})
        assert refused.status_code == 403, cookie
    detail = (await prospects.client.get(f"/api/prospects/{prospect_id}",
                                         headers=prospects.staff())).json()
    assert detail["stage"] == "new"


@pytest.mark.parametrize("query, lang, words", [
    ("", "fr", ["Pipeline des prospects", "Nouveaux contacts", "Contactés", "Qualifiés",
                "En installation", "Installés", "Perdus", "Suivi par", "Pays d'origine",
                "Village souhaité", "Premier contact", "Filtrer", "Chiffres clés"]),
    ("?lang=en", "en", ["Prospect pipeline", "New contacts", "Contacted", "Qualified",
                        "Installing", "Installed", "Lost", "Handled by", "Country of origin",
                        "Desired village", "First contact", "Filter", "Key figures"])])
async def test_the_board_in_french_or_english(prospects, query, lang, words):
    await new_contact(prospects, household_adults=1, household_children=0)
    page = await board(prospects, query)
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert f'<html lang="{lang}">' in page.text
    for word in words:
        assert word in text, word
    assert ("1 personne" if lang == "fr" else "1 person") in text
    # Dates in the reader's language (Babel): "6 décembre 2026", "6 December 2026".
    assert format_date(datetime.now(UTC), lang) in text


async def test_paging_a_column_shows_every_card_once(prospects):
    who = f"agent-{uuid.uuid4().hex[:8]}"
    made = set()
    for _ in range(45):
        prospect_id = await new_contact(prospects)
        await assign(prospects, prospect_id, who)
        made.add(prospect_id)
    seen: list[str] = []
    url = f"/staff/prospects/?assignee=to:{who}"
    pages = 0
    while url:
        page = await prospects.client.get(url, headers=identity())
        assert page.status_code == 200, page.text
        assert count(page.text, "new") == 45
        new = column(page.text, "new")
        seen += card_ids(new)
        pages += 1
        more = re.search(r'<a href="([^"]+)" rel="next">', new)
        url = html.unescape(more.group(1)) if more else None
        # Another prospect arriving meanwhile goes to the top, not into the pages.
        if pages == 1:
            await assign(prospects, await new_contact(prospects), f"{who}-other")
    assert pages == 3
    assert len(seen) == len(set(seen)) == 45 and set(seen) == made
