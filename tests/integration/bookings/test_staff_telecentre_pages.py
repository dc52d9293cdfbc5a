"""The staff's telecentre pages behind the front door (the token it passes on in
X-Soho-Identity): the list with each place's desks, rooms and this week's occupancy
(keyset-paged), and a place's page with its occupancy by week (`?week=`), opening hours,
closures, desks and rooms. Staff only (401, 403 pages); an unknown or malformed id is the
404 page in the same look; a week that is none: 422, what was typed kept."""

import re
import uuid
from datetime import timedelta

import pytest

from services.bookings.domain.occupancy import iso_week
from shared.auth import Role

from .staff_pages import STAFF, identity, open_page, text
from .support import new_desk, new_members, new_place, paris, quiet_monday

@pytest.fixture(autouse=True)
def no_cookies_kept(service):
    service.client.cookies.clear()
    yield
    service.client.cookies.clear()


async def book(service, member, desk, day, start: int, end: int) -> str:
    answer = await service.client.post("/api/bookings", headers=service.solo(member), json={
        "desk_id": str(desk), "starts_at": paris(day, start).isoformat(),
        "ends_at": paris(day, end).isoformat()})
    assert answer.status_code == 201, answer.text
    return answer.json()["booking_id"]


@pytest.fixture
async def busy_week(service, amqp_url):
    """A place open 08:00-20:00 every day with one room booked 3 hours on a Monday, and
    the service's clock that Monday at 07:00 (84 open hours in the week: 3.6 %)."""
    monday = quiet_monday(10)
    place = await new_place(service, name=f"Télécentre de Condom {uuid.uuid4().hex[:6]}")
    room = await new_desk(service, place, name="Salle Armagnac")
    [member] = await new_members(service, amqp_url)
    service.app.state.clock = lambda: paris(monday, 7)
    await book(service, member, room, monday, 9, 12)
    return {"place": place, "room": room, "monday": monday, "member": member}


async def test_the_list_shows_each_place_with_its_desks_rooms_and_weeks_occupancy(
        service, busy_week):
    place = busy_week["place"]
    await new_desk(service, place, kind="hot_desk", mode="half_day", name="Poste 1")
    await new_desk(service, place, kind="private_office", mode="day", name="Bureau 1")
    # A third desk, deactivated, is not counted.
    off = await new_desk(service, place, kind="hot_desk", mode="day", name="Poste 2")
    assert (await service.client.patch(f"/api/desks/{off}", json={"active": False},
                                       headers=service.staff())).status_code == 200
    rows = await all_rows(service)
    row = rows[str(place)]
    assert f'href="/staff/telecentres/{place}"' in row and "Condom" in row
    cells = re.findall(r'<td class="num"[^>]*>([^<]*)<', row)
    # 2 desks and offices, 1 room; 3 h of 3 desks x 84 h = 1.2 % ("1 %").
    assert cells[:2] == ["2", "1"], row
    assert re.search(r'data-testid="week-share">1\xa0%<', row), row

    page = await open_page(service, "/staff/telecentres/")
    assert '<html lang="fr">' in page.text and page.headers["cache-control"] == "no-store"
    assert 'aria-current="page"' in page.text and "/assets/soho.css" in page.text
    assert re.search(r"<caption>[^<]*occupation de la semaine \(", text(page))
    english = await open_page(service, "/staff/telecentres/?lang=en")
    assert "occupancy this week" in english.text and "Telecentre" in english.text


async def all_rows(service) -> dict[str, str]:
    """Every place's row, following the list's pages: each place once."""
    rows, path = {}, "/staff/telecentres/"
    for _ in range(100):
        page = await open_page(service, path)
        for place, row in re.findall(r'<tr data-place="([^"]+)">(.*?)</tr>', page.text, re.S):
            assert place not in rows, "a place on two pages"
            rows[place] = row
        found = re.search(r'href="(/staff/telecentres/\?after=[^"]+)" rel="next"', page.text)
        if not found:
            return rows
        path = found.group(1)
    raise AssertionError("the pages never end")


async def test_the_list_is_keyset_paged(service):
    made = {str(await new_place(service, name=f"Lieu {n:02d} {uuid.uuid4().hex[:6]}"))
            for n in range(27)}  # more than a page of 25
    async with service.app.state.pool.acquire() as conn:
        every = {str(r["id"]) for r in await conn.fetch("SELECT id FROM places")}
    rows = await all_rows(service)
    assert made <= set(rows) and set(rows) == every
    second = await open_page(service, f"/staff/telecentres/?after={sorted(made)[0]}")
    assert 'href="/staff/telecentres/">' in second.text  # back to the start
    # A cursor that is no id is ignored: the first page.
    assert (await open_page(service, "/staff/telecentres/?after=nonsense")).status_code == 200


async def test_a_place_shows_its_week_hours_closures_desks_and_occupancy(service, busy_week):
    place, monday = busy_week["place"], busy_week["monday"]
    assert (await service.client.put(
        f"/api/telecentres/{place}/closures/{monday + timedelta(days=2)}",
        json={"reason": "Inventaire"}, headers=service.staff())).status_code == 200
    page = await open_page(service, f"/staff/telecentres/{place}")
    shown = text(page)
    assert re.search(r"<h1>Télécentre de Condom", shown)
    assert 'value="08:00"' in page.text and 'value="20:00"' in page.text
    assert "Inventaire" in shown and "Salle Armagnac" in shown and "Salle de réunion" in shown
    grid = shown[shown.index('data-testid="week-grid"'):]
    grid = grid[:grid.index("</table>")]
    assert '<caption id="grid-caption">' in grid and 'scope="row"' in grid
    assert grid.count('scope="col"') == 9  # the desk, seven days, the week
    # Monday: 3 h of 12 (25 %); Wednesday closed; the week: 3 h of 72 open hours (4 %).
    cells = re.findall(r'<td class="num"[^>]*>(.*?)</td>', grid)
    assert cells[0] == "25\xa0%" and "fermé" in cells[2]
    assert re.search(r'data-testid="grid-week-share">4\xa0%<', grid)
    weeks = shown[shown.index('data-testid="weeks"'):]
    weeks = weeks[:weeks.index("</table>")]
    assert weeks.count("<tr") == 1 + 7 and 'aria-current="true"' in weeks

    english = await open_page(service, f"/staff/telecentres/{place}?lang=en")
    assert "Opening hours" in english.text and "Meeting room" in english.text
    assert "Mon" in english.text and "closed" in english.text


async def test_weeks_are_chosen_by_iso_week_and_a_bad_one_is_a_422_keeping_it(service,
                                                                              busy_week):
    place, monday = busy_week["place"], busy_week["monday"]
    following = monday + timedelta(days=7)
    page = await open_page(service, f"/staff/telecentres/{place}?week={iso_week(following)}")
    assert f'value="{iso_week(following)}"' in page.text
    grid = text(page)[text(page).index('data-testid="week-grid"'):]
    assert re.search(r'data-testid="grid-week-share">0\xa0%<', grid)
    assert f'?week={iso_week(monday)}#occupancy-title' in page.text  # previous week

    for typed in ("2026-W60", "semaine 3", "1999-W01"):
        refused = await open_page(service, f"/staff/telecentres/{place}?week={typed}",
                                  status=422)
        assert 'href="#week"' in refused.text and 'aria-invalid="true"' in refused.text
        assert f'value="{typed}"' in refused.text and f"« {typed} »" in text(refused)


async def test_unknown_and_malformed_ids_are_the_404_page(service):
    for path in (f"/staff/telecentres/{uuid.uuid4()}", "/staff/telecentres/not-an-id",
                 "/staff/telecentres/" + "9" * 300):
        page = await open_page(service, path, status=404)
        assert "Page introuvable" in text(page) and "/assets/soho.css" in page.text
        assert 'data-testid="person-name">Marie Dupont<' in page.text


@pytest.mark.parametrize("path", ["/staff/telecentres/", "/staff/telecentres/{place}"])
async def test_staff_only(service, path):
    place = await new_place(service)
    path = path.format(place=place)
    for role, claims in ((Role.SOLO, {"member": uuid.uuid4()}),
                         (Role.COMMITTEE, {"village": "32107"})):
        refused = await open_page(service, path, identity(role, **claims), status=403)
        assert "Accès refusé" in text(refused)
    signed_out = await service.client.get(path)
    assert signed_out.status_code == 401 and "/sign-in?next=" in signed_out.text
    assert (await service.client.get(path, headers=STAFF)).status_code == 200


@pytest.fixture
def statements(monkeypatch):
    """The statements reading this service's tables while it is in use (not the relay's
    outbox, nor a pool resetting a connection)."""
    import asyncpg.connection

    seen: list[str] = []
    for method in ("fetch", "fetchrow", "fetchval", "execute"):
        original = getattr(asyncpg.connection.Connection, method)

        def recording(self, query, *args, _original=original, **kwargs):
            if "outbox" not in query and re.search(r"\bFROM (places|resources|bookings|"
                                                   r"opening_hours|closures|members)\b", query):
                seen.append(query)
            return _original(self, query, *args, **kwargs)
        monkeypatch.setattr(asyncpg.connection.Connection, method, recording)
    return seen


async def test_the_pages_run_as_many_statements_for_many_places_or_bookings(service, busy_week,
                                                                           statements):
    for _ in range(26):
        await new_place(service)
    statements.clear()
    await open_page(service, "/staff/telecentres/")  # a page of 25 places
    full_page = len(statements)
    first = await open_page(service, "/staff/telecentres/")
    last = re.findall(r'data-place="([^"]+)"', first.text)
    statements.clear()
    await open_page(service, f"/staff/telecentres/?after={last[-2]}")  # whatever follows
    assert len(statements) == full_page <= 5

    place, room = busy_week["place"], busy_week["room"]
    statements.clear()
    await open_page(service, f"/staff/telecentres/{place}")
    one_booking = len(statements)
    for day in (1, 2, 3):
        await book(service, busy_week["member"], room, busy_week["monday"] + timedelta(day),
                   9, 12)
        await new_desk(service, place)
    statements.clear()
    await open_page(service, f"/staff/telecentres/{place}")
    assert len(statements) == one_booking
