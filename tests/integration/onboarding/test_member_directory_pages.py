"""The members' pages of onboarding behind the front door: the directory of opted-in cards
(never the others; search by skill and village; keyset-paged), my own card (opt-in hidden by
default, saved 303, 422 naming the field, 409 on a stale form keeping what was typed; nobody
edits another's card), and the follow-up questions answered on a page (stored, seen by staff
on the member's page, answered again to correct; not yet due: a page saying when). Solos
only: staff and committees get the 403 page, no identity the 401 page, no CSRF field 403."""

import datetime
import html
import os
import re
import uuid

import pytest

from shared.auth import FORWARDED_IDENTITY, Role, issue_token

SECRET = os.environ["SOHO_SECRET"]
CSRF = re.compile(r'name="csrftoken" value="([^"]+)"')
CARD = re.compile(r'<li class="card" data-card="([0-9a-f-]+)">')
NEXT = re.compile(r'<a href="([^"]+)" rel="next"')
REVISION = re.compile(r'name="revision" value="([^"]*)"')
# Projan, Ramouzens, Ricourt: no other test installs anybody there.
VILLAGE, OTHER, PAGED = "32333", "32338", "32342"
STAFF = {FORWARDED_IDENTITY: issue_token(SECRET, Role.STAFF, sub="marie", name="Marie")}
COMMITTEE = {FORWARDED_IDENTITY: issue_token(SECRET, Role.COMMITTEE, village=VILLAGE,
                                             name="Jeanne")}


@pytest.fixture(autouse=True)
def no_cookies_kept(onboarding):
    onboarding.client.cookies.clear()
    yield
    onboarding.client.cookies.clear()


def solo(member: uuid.UUID, name: str = "Sam Membre") -> dict[str, str]:
    return {FORWARDED_IDENTITY: issue_token(SECRET, Role.SOLO, sub=f"member:{member}",
                                            member=member, name=name)}


def text(answer) -> str:
    return html.unescape(answer.text)


def cards(answer) -> list[str]:
    return CARD.findall(answer.text)


async def get(onboarding, path: str, headers: dict, status: int = 200):
    answer = await onboarding.client.get(path, headers=headers)
    assert answer.status_code == status, answer.text
    return answer


async def post_form(onboarding, page_path: str, path: str, data: dict, headers: dict):
    page = await get(onboarding, page_path, headers)
    fields = {"csrftoken": CSRF.search(page.text).group(1), **data}
    return await onboarding.client.post(path, data=fields, headers=headers)


async def listed(onboarding, member: uuid.UUID, **card) -> None:
    answer = await onboarding.client.put(f"/api/members/{member}/card",
                                         headers=onboarding.staff(),
                                         json={"listed": True, **card})
    assert answer.status_code == 200, answer.text


async def test_only_opted_in_cards_are_listed_and_searched_by_skill(onboarding, new_member):
    _, shown = await new_member(village=VILLAGE, first_name="Aline", last_name="Vermeer")
    _, hidden = await new_member(village=VILLAGE, first_name="Bram", last_name="Smit")
    _, unlisted = await new_member(village=VILLAGE, first_name="Cas", last_name="Meijer")
    await listed(onboarding, shown, profession="Ébéniste", skills=["Dorure à la feuille", "Vélo"],
                 website="https://anouk.example.org", short_description="Meubles sur mesure.")
    await listed(onboarding, unlisted, skills=["Dorure à la feuille"])
    taken_down = await onboarding.client.put(
        f"/api/members/{unlisted}/card", headers=onboarding.staff(),
        json={"listed": False, "skills": ["Dorure à la feuille"]})
    assert taken_down.status_code == 200
    me = solo(hidden)

    page = await get(onboarding, "/members/directory/?skill=dorure", me)
    assert page.headers["cache-control"] == "no-store"
    assert cards(page) == [str(shown)]
    shown_text = text(page)
    for fact in ("Aline Vermeer", "Projan", "Ébéniste", "Dorure à la feuille", "Meubles sur mesure.",
                 'href="https://anouk.example.org/"'):
        assert fact in shown_text, fact
    assert "Bram" not in shown_text and "Meijer" not in shown_text
    assert '<input type="search" id="filter-skill" name="skill" value="dorure"' in page.text

    # Every page of the whole directory: never a card that did not opt in.
    seen, url = [], "/members/directory/"
    for _ in range(100):
        answer = await get(onboarding, url, me)
        seen += cards(answer)
        found = NEXT.search(answer.text)
        if not found:
            break
        url = html.unescape(found.group(1))
    assert str(shown) in seen
    assert str(hidden) not in seen and str(unlisted) not in seen
    assert len(seen) == len(set(seen))

    nothing = await get(onboarding, "/members/directory/?skill=astrophysique-du-gers", me)
    assert cards(nothing) == []
    assert "Aucune carte ne correspond à cette recherche." in text(nothing)
    english = await get(onboarding, "/members/directory/?skill=dorure&lang=en", me)
    assert '<html lang="en">' in english.text and "Members' directory" in text(english)


async def test_search_by_village(onboarding, new_member):
    _, here = await new_member(village=VILLAGE, first_name="Daan", last_name="Hoek")
    _, there = await new_member(village=OTHER, first_name="Eva", last_name="Dijk")
    await listed(onboarding, here, skills=["Poterie"])
    await listed(onboarding, there, skills=["Poterie"])
    page = await get(onboarding, f"/members/directory/?village={OTHER}", solo(here))
    assert str(there) in cards(page) and str(here) not in cards(page)
    assert f'<option value="{OTHER}" selected>' in page.text
    both = await get(onboarding, f"/members/directory/?village={VILLAGE}&skill=poterie",
                     solo(here))
    assert str(here) in cards(both) and str(there) not in cards(both)
    bad = await get(onboarding, "/members/directory/?village=Condom", solo(here), status=422)
    assert 'href="#filter-village"' in bad.text
    bad = await get(onboarding, "/members/directory/?after=hier", solo(here), status=422)
    assert 'href="#cards"' in bad.text


async def test_paging_is_keyset_by_name(onboarding, new_member, db, monkeypatch):
    from services.onboarding.use_cases import member_card
    monkeypatch.setattr(member_card, "PAGE_SIZE", 2)
    members = []
    for name in ("Zoé", "Adam", "Mila", "Hugo", "Inès"):
        _, member = await new_member(village=PAGED, first_name=name, last_name="Paging")
        await listed(onboarding, member, skills=["Pagination"])
        members.append(member)
    seen, url, pages = [], f"/members/directory/?village={PAGED}", 0
    while url:
        answer = await get(onboarding, url, solo(members[0]))
        assert len(cards(answer)) <= 2
        seen += cards(answer)
        pages += 1
        found = NEXT.search(answer.text)
        url = html.unescape(found.group(1)) if found else None
        assert url is None or f"village={PAGED}" in url
    assert pages == 3
    expected = await db.fetch(
        "SELECT id FROM members WHERE village = $1 AND listed "
        "ORDER BY lower(last_name), lower(first_name), id", PAGED)
    assert seen == [str(r["id"]) for r in expected]


async def test_my_card_hidden_by_default_then_saved(onboarding, new_member):
    _, member = await new_member(village=VILLAGE, first_name="Fleur", last_name="Brouwer")
    me = solo(member)
    form = await get(onboarding, "/members/directory/card", me)
    assert re.search(r'<input type="checkbox" id="listed" name="listed" value="on" '
                     r'aria-describedby', form.text), "unchecked for a new member"
    assert "Votre carte est masquée" in text(form)
    assert REVISION.search(form.text).group(1) == "new"

    preview = await post_form(onboarding, "/members/directory/card", "/members/directory/card", {
        "revision": "new", "listed": "on", "profession": "Traductrice",
        "skills": "Anglais, Néerlandais", "website": "https://fleur.example.org",
        "short_description": "Traductions.", "action": "preview"}, me)
    assert preview.status_code == 200
    assert "Votre carte est visible des autres membres." in text(preview)
    assert (await onboarding.client.get(f"/api/members/{member}",
                                        headers=onboarding.staff())).json()["listed"] is False

    saved = await post_form(onboarding, "/members/directory/card", "/members/directory/card", {
        "revision": "new", "listed": "on", "profession": "Traductrice",
        "skills": "Anglais, Néerlandais", "website": "https://fleur.example.org",
        "short_description": "Traductions.", "action": "save"}, me)
    assert saved.status_code == 303, saved.text
    assert saved.headers["location"] == "/members/directory/card?done=saved"
    stored = (await onboarding.client.get(f"/api/members/{member}",
                                          headers=onboarding.staff())).json()
    assert stored["listed"] is True and stored["skills"] == ["Anglais", "Néerlandais"]
    assert stored["website"] == "https://fleur.example.org/"
    again = await get(onboarding, "/members/directory/card?done=saved", me)
    assert 'name="listed" value="on" checked' in again.text
    assert "Votre carte est enregistrée." in text(again)
    directory = await get(onboarding, "/members/directory/?skill=n%C3%A9erlandais", me)
    assert str(member) in cards(directory)


async def test_bad_input_is_422_naming_the_field_and_keeps_what_was_typed(
        onboarding, new_member):
    _, member = await new_member(village=VILLAGE, first_name="Gijs", last_name="Vos")
    me = solo(member)
    answer = await post_form(onboarding, "/members/directory/card", "/members/directory/card", {
        "revision": "new", "listed": "on", "profession": "Menuisier",
        "skills": "Bois, " + "x" * 61, "website": "pas une adresse", "action": "save"}, me)
    assert answer.status_code == 422
    assert 'href="#website"' in answer.text and 'href="#skills"' in answer.text
    assert 'value="pas une adresse"' in answer.text and 'value="Menuisier"' in answer.text
    assert 'aria-invalid="true"' in answer.text
    stored = (await onboarding.client.get(f"/api/members/{member}",
                                          headers=onboarding.staff())).json()
    assert stored["listed"] is False and stored["profession"] != "Menuisier"


async def test_a_stale_card_form_is_409_keeping_what_was_typed(onboarding, new_member):
    _, member = await new_member(village=VILLAGE, first_name="Hanna", last_name="Bos")
    me = solo(member)
    form = await get(onboarding, "/members/directory/card", me)
    revision = REVISION.search(form.text).group(1)
    await listed(onboarding, member, profession="Changé ailleurs")
    answer = await post_form(onboarding, "/members/directory/card", "/members/directory/card", {
        "revision": revision, "profession": "Ce que j'ai tapé", "action": "save"}, me)
    assert answer.status_code == 409, answer.text
    assert "Votre carte a changé entre-temps" in text(answer)
    assert "value=\"Ce que j'ai tapé\"" in text(answer)
    stored = (await onboarding.client.get(f"/api/members/{member}",
                                          headers=onboarding.staff())).json()
    assert stored["profession"] == "Changé ailleurs"
    fresh = REVISION.search(answer.text).group(1)
    assert fresh != revision
    retried = await post_form(onboarding, "/members/directory/card", "/members/directory/card", {
        "revision": fresh, "profession": "Ce que j'ai tapé", "action": "save"}, me)
    assert retried.status_code == 303


async def test_another_member_cannot_edit_my_card(onboarding, new_member):
    _, mine = await new_member(village=VILLAGE, first_name="Iris", last_name="Peters")
    _, theirs = await new_member(village=VILLAGE, first_name="Jan", last_name="Kuiper")
    await listed(onboarding, mine, profession="Graphiste")
    other = solo(theirs)
    answer = await post_form(onboarding, "/members/directory/card", "/members/directory/card", {
        "revision": "new", "profession": "Pirate", "action": "save"}, other)
    assert answer.status_code == 303  # their own card, the only one they can reach
    mine_now = (await onboarding.client.get(f"/api/members/{mine}",
                                            headers=onboarding.staff())).json()
    assert mine_now["profession"] == "Graphiste" and mine_now["listed"] is True
    theirs_now = (await onboarding.client.get(f"/api/members/{theirs}",
                                              headers=onboarding.staff())).json()
    assert theirs_now["profession"] == "Pirate"
    refused = await onboarding.client.put(f"/api/members/{mine}/card", headers=other,
                                          json={"listed": False})
    assert refused.status_code in (401, 403)


async def test_a_follow_up_answered_is_stored_and_seen_by_staff(onboarding, new_member, db):
    _, member = await new_member(village=VILLAGE, first_name="Kees", last_name="Jong")
    me = solo(member, name="Kees Jong")
    page = await get(onboarding, "/members/follow-ups/1", me)
    assert "Suivi à 1 mois" in text(page)
    assert "Habitez-vous toujours dans le village ?" in text(page)
    answer = await post_form(onboarding, "/members/follow-ups/1", "/members/follow-ups/1", {
        "still_here": "yes", "activity_going": "no", "note": "Cherche des clients."}, me)
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == "/members/follow-ups/1?done=saved"
    row = await db.fetchrow("SELECT * FROM follow_ups WHERE member_id = $1 AND months = 1",
                            member)
    assert (row["still_here"], row["activity_going"], row["note"]) == (
        True, False, "Cherche des clients.")
    staff_page = text(await get(onboarding, f"/staff/members/{member}", STAFF))
    assert "Cherche des clients." in staff_page

    done = await get(onboarding, "/members/follow-ups/1?done=saved", me)
    assert "Merci, vos réponses sont enregistrées." in text(done)
    assert 'value="no" checked' in done.text and "Mettre à jour mes réponses" in text(done)
    again = await post_form(onboarding, "/members/follow-ups/1", "/members/follow-ups/1", {
        "still_here": "yes", "activity_going": "yes", "note": "Ça démarre."}, me)
    assert again.status_code == 303
    assert "Ça démarre." in text(await get(onboarding, f"/staff/members/{member}", STAFF))
    row = await db.fetchrow("SELECT activity_going FROM follow_ups WHERE member_id = $1 "
                            "AND months = 1", member)
    assert row["activity_going"] is True

    missing = await post_form(onboarding, "/members/follow-ups/6", "/members/follow-ups/6", {
        "still_here": "yes", "note": "Sans réponse"}, me)
    assert missing.status_code == 422
    assert 'href="#activity_going-yes"' in missing.text and "Sans réponse" in missing.text
    assert 'value="yes" checked' in missing.text


async def test_a_follow_up_not_yet_due_says_when(onboarding, new_member, db):
    _, member = await new_member(village=VILLAGE, first_name="Lars", last_name="Mol")
    me = solo(member)
    due_on = await db.fetchval("SELECT due_on FROM follow_ups WHERE member_id = $1 "
                               "AND months = 12", member)
    assert due_on > datetime.date.today()
    page = await get(onboarding, "/members/follow-ups/12", me)
    assert "Les questions du suivi à 12 mois seront ouvertes à partir du" in text(page)
    assert str(due_on.year) in text(page) and "follow-up-form" not in page.text
    refused = await post_form(onboarding, "/members/follow-ups/12", "/members/follow-ups/12", {
        "still_here": "yes", "activity_going": "yes"}, me)
    assert refused.status_code == 409
    assert await db.fetchval("SELECT recorded_at FROM follow_ups WHERE member_id = $1 "
                             "AND months = 12", member) is None
    for months in ("3", "24", "abc", "0"):
        await get(onboarding, f"/members/follow-ups/{months}", me, status=404)
    english = await get(onboarding, "/members/follow-ups/12?lang=en", me)
    assert "12-month follow-up questions open on" in text(english)


PAGES = ["/members/directory/", "/members/directory/card", "/members/follow-ups/1"]


@pytest.mark.parametrize("path", PAGES)
async def test_staff_and_committees_get_the_403_page_and_nobody_the_401_page(onboarding, path):
    for headers in (STAFF, COMMITTEE):
        answer = await get(onboarding, path, headers, status=403)
        assert "<html" in answer.text
    answer = await get(onboarding, path, {}, status=401)
    assert "<html" in answer.text


@pytest.mark.parametrize("path", ["/members/directory/card", "/members/follow-ups/1"])
async def test_a_post_without_the_csrf_field_is_403_and_writes_nothing(
        onboarding, new_member, db, path):
    _, member = await new_member(village=VILLAGE, first_name="Noor", last_name="Bakker")
    me = solo(member)
    await get(onboarding, path, me)  # the cookie, but no field
    answer = await onboarding.client.post(path, headers=me, data={
        "revision": "new", "listed": "on", "action": "save", "still_here": "yes",
        "activity_going": "yes"})
    assert answer.status_code == 403
    assert await db.fetchval("SELECT listed FROM members WHERE id = $1", member) is False
    assert await db.fetchval("SELECT count(*) FROM follow_ups WHERE member_id = $1 "
                             "AND recorded_at IS NOT NULL", member) == 0
