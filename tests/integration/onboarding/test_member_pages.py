"""The staff's member pages behind the front door: the directory of installed solos
(newest first, keyset-paged, a village filter) and a member's page (card, village,
follow-ups at 1, 6 and 12 months with the answers given, and the region bookings fills,
a plain link without JavaScript). Unknown or malformed ids the 404 page; staff only."""

import datetime
import html
import os
import re
import uuid

import pytest

from shared.auth import FORWARDED_IDENTITY, Role, issue_token

SECRET = os.environ["SOHO_SECRET"]
ROW = re.compile(r'<tr data-member="([0-9a-f-]+)">(.*?)</tr>', re.S)
NEXT = re.compile(r'<a href="([^"]+)" rel="next"')
VILLAGE, OTHER = "32108", "32110"  # Corneillan, Courrensan: no other test installs there


def identity(role: Role = Role.STAFF, **claims) -> dict[str, str]:
    if role is Role.SOLO:
        claims.setdefault("member", uuid.uuid4())
    return {FORWARDED_IDENTITY: issue_token(SECRET, role, sub=str(uuid.uuid4()),
                                            name="Marie Dupont", **claims)}


STAFF = identity()


@pytest.fixture(autouse=True)
def no_cookies_kept(onboarding):
    onboarding.client.cookies.clear()
    yield
    onboarding.client.cookies.clear()


def text(answer) -> str:
    return html.unescape(answer.text)


def plain(fragment: str) -> str:
    """The words of some HTML, tags left out, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)).replace(" :", " :")


async def get(onboarding, path: str, headers=None, status: int = 200):
    answer = await onboarding.client.get(path, headers=headers or STAFF)
    assert answer.status_code == status, answer.text
    return answer


def rows(answer) -> dict[str, str]:
    return {member: html.unescape(cells) for member, cells in ROW.findall(answer.text)}


async def test_the_directory_lists_installed_solos_newest_first_and_pages(
        onboarding, db, new_member):
    _, member = await new_member(village=VILLAGE, first_name="Joost", last_name="Mulder",
                                 sector="creative")
    first = await get(onboarding, "/staff/members/")
    assert first.headers["cache-control"] == "no-store"
    assert ">Tout afficher</a>" in first.text and "built-in" not in first.text
    assert re.search(r'href="/staff/members/" aria-current="page"', first.text)
    cells = rows(first).get(str(member)) or ""
    if cells:  # newest first: it is on the first page unless 50 others are newer
        assert "Joost Mulder" in cells and "Corneillan" in cells
        assert "Création, communication, médias" in cells

    seen, url = [], "/staff/members/"
    for _ in range(200):
        answer = await get(onboarding, url)
        seen += list(rows(answer))
        found = NEXT.search(answer.text)
        if not found:
            break
        url = html.unescape(found.group(1))
    expected = [str(r["id"]) for r in await db.fetch(
        "SELECT id FROM members ORDER BY installed_on DESC, id DESC")]
    assert seen == expected, "every member once, in order"

    english = text(await get(onboarding, "/staff/members/?lang=en"))
    assert '<html lang="en">' in english and "Moved in on" in english


async def test_the_village_filter(onboarding, new_member):
    _, here = await new_member(village=VILLAGE, first_name="Eva", last_name="Kok")
    _, there = await new_member(village=OTHER, first_name="Daan", last_name="Bos")
    page = await get(onboarding, f"/staff/members/?village={VILLAGE}")
    listed = rows(page)
    assert str(here) in listed and str(there) not in listed
    assert all("Corneillan" in cells for cells in listed.values())
    assert f'<option value="{VILLAGE}" selected>' in page.text
    empty = await get(onboarding, "/staff/members/?village=32115")
    assert "Aucun membre installé dans ce village." in text(empty)


async def test_paging_a_village_of_many_members(onboarding, db, new_member, monkeypatch):
    from services.onboarding.use_cases import staff_members
    monkeypatch.setattr(staff_members, "PAGE_SIZE", 2)
    for i in range(3):
        await new_member(village=OTHER, first_name=f"P{i}")
    seen, url, pages = [], f"/staff/members/?village={OTHER}", 0
    while url:
        answer = await get(onboarding, url)
        assert len(rows(answer)) <= 2
        seen += list(rows(answer))
        pages += 1
        found = NEXT.search(answer.text)
        url = html.unescape(found.group(1)) if found else None
        assert url is None or f"village={OTHER}" in url
    assert pages >= 2
    assert seen == [str(r["id"]) for r in await db.fetch(
        "SELECT id FROM members WHERE village = $1 ORDER BY installed_on DESC, id DESC",
        OTHER)]


@pytest.mark.parametrize("query, field", [("village=Condom", "filter-village"),
                                          ("after=hier", "members"),
                                          ("after=2026-01-01_pas-un-id", "members")])
async def test_a_filter_that_makes_no_sense_is_422(onboarding, query, field):
    answer = await get(onboarding, f"/staff/members/?{query}", status=422)
    assert f'href="#{field}"' in answer.text


async def test_the_member_page_shows_the_card_the_follow_ups_and_the_bookings_region(
        onboarding, new_member):
    case, member = await new_member(village=VILLAGE, first_name="Ruben", last_name="de Wit",
                                    sector="digital", origin_country="BE")
    card = await onboarding.client.put(
        f"/api/members/{member}/card", headers=onboarding.staff(),
        json={"listed": True, "profession": "Développeur", "skills": ["Python", "Vélo"],
              "website": "https://ruben.example.org",
              "short_description": "Du code à la campagne."})
    assert card.status_code == 200, card.text
    recorded = await onboarding.client.put(
        f"/api/members/{member}/follow-ups/1", headers=onboarding.staff(),
        json={"still_here": True, "activity_going": False, "note": "Cherche des clients."})
    assert recorded.status_code == 200, recorded.text

    page = await get(onboarding, f"/staff/members/{member}")
    shown = text(page)
    assert "<h1>Ruben de Wit</h1>" in shown
    for fact in ("Corneillan", "Numérique, informatique", "Belgique", "Développeur",
                 "Python, Vélo", "https://ruben.example.org", "Du code à la campagne.",
                 "Oui, visible des autres membres", "2 personnes"):
        assert fact in shown, fact
    assert f'href="/staff/villages/{VILLAGE}"' in page.text
    assert f'href="/staff/cases/{case["id"]}"' in page.text

    table = shown[shown.index('data-testid="follow-ups"'):]
    table = table[:table.index("</table>")]
    one, six, twelve = (plain(row) for row in table.split("<tr data-months=")[1:])
    assert "1 mois" in one and "Toujours dans le village : oui" in one
    assert "Activité en cours : non" in one and "Cherche des clients." in one
    assert "par test-staff" in one
    assert "À faire : la date est passée" in six  # installed 200 days ago
    assert "À venir" in twelve and "À faire" not in twelve
    installed = datetime.date.today() - datetime.timedelta(days=200)
    assert f'datetime="{installed.isoformat()}"' in page.text

    region = (f'<div hx-get="/staff/bookings/members/{member}" hx-trigger="load" '
              f'hx-swap="innerHTML"')
    assert region in page.text
    assert (f'<a href="/staff/bookings/members/{member}">Voir ses réservations / '
            f'See their bookings</a>') in page.text
    assert "htmx.min.js" in page.text

    english = text(await get(onboarding, f"/staff/members/{member}?lang=en"))
    assert "Follow-ups at 1, 6 and 12 months" in english and "Belgium" in english


async def test_an_erased_member_shows_no_personal_data(onboarding, new_member, db):
    _, member = await new_member(village=VILLAGE, first_name="Noor", last_name="Peeters")
    await db.execute("UPDATE members SET first_name = NULL, last_name = NULL, "
                     "anonymised_at = now() WHERE id = $1", member)
    page = text(await get(onboarding, f"/staff/members/{member}"))
    assert "Noor" not in page and "Peeters" not in page
    assert "(données effacées)" in page and 'data-testid="erased"' in page
    listed = rows(await get(onboarding, f"/staff/members/?village={VILLAGE}"))
    assert "(données effacées)" in listed[str(member)]


@pytest.mark.parametrize("member_id", [str(uuid.UUID(int=7)), "nonsense", "1234"])
async def test_an_unknown_or_malformed_member_is_the_404_page(onboarding, member_id):
    answer = await get(onboarding, f"/staff/members/{member_id}", status=404)
    assert "Page introuvable" in text(answer)


async def test_staff_only(onboarding, new_member):
    _, member = await new_member(village=VILLAGE)
    for who in (identity(Role.COMMITTEE, village=VILLAGE), identity(Role.SOLO, member=member)):
        for path in ("/staff/members/", f"/staff/members/{member}"):
            answer = await get(onboarding, path, headers=who, status=403)
            assert "Accès refusé" in text(answer)
    assert (await onboarding.client.get(f"/staff/members/{member}")).status_code == 401
