"""The public site's telecentres and coworking spaces, for everyone (no token, no
identity): the list on the map of the Gers, a place's page (address, opening hours,
closures to come, desks and rooms, how to book; no person and no booking), and the places
nearest to a commune (a page, or with HX-Request only the list a village's page loads).
An unknown or malformed id, or a code that is no commune of the Gers: the 404 page."""

import html
import re
import uuid

import pytest

from .support import bookable_day, new_desk, new_members, new_place, paris

WEEKDAYS = [{"weekday": d, "opens": "08:30", "closes": "18:30"} for d in range(5)] + [
    {"weekday": 5, "opens": "09:00", "closes": "13:00"}]
# A corner of the Gers (Astarac) no other test puts a place in: Lalanne-Arqué, and its
# neighbours at 1.8 km (Cap d'Astarac), 3.3 km (Manent-Montané) and 5.3 km (Aussos).
ORIGIN = ("32185", "Lalanne-Arqué")
NEIGHBOURS = [("32365", "Cap d'Astarac", "1,8"), ("32228", "Manent-Montané", "3,3"),
              ("32468", "Aussos", "5,3")]


@pytest.fixture(autouse=True)
def no_cookies_kept(service):
    service.client.cookies.clear()
    yield
    service.client.cookies.clear()


def text(answer) -> str:
    """The page's text, Babel's thin and narrow no-break spaces read as spaces."""
    return html.unescape(answer.text).replace("\u2009", " ").replace("\u202f", " ")


@pytest.fixture(scope="module")
async def shown(service, amqp_url):
    """A telecentre open on weekdays and Saturday mornings, with two desks, an office, a
    room and a deactivated desk, a closure and a member's booking (which must not show)."""
    name = f"Télécentre public {uuid.uuid4().hex[:6]}"
    place = await new_place(service, name=name, week=WEEKDAYS,
                            address="3 place de la Mairie, 32100 Condom")
    for kind, mode, desk in (("hot_desk", "half_day", "Poste 1"),
                             ("hot_desk", "half_day", "Poste 2"),
                             ("private_office", "day", "Bureau Armagnac"),
                             ("meeting_room", "hour", "Salle Baïse")):
        await new_desk(service, place, kind=kind, mode=mode, name=desk)
    off = await new_desk(service, place, kind="hot_desk", mode="half_day", name="Poste retiré")
    assert (await service.client.patch(f"/api/desks/{off}", json={"active": False},
                                       headers=service.staff())).status_code == 200
    closed = bookable_day(12)
    assert (await service.client.put(f"/api/telecentres/{place}/closures/{closed}",
                                     json={"reason": "Travaux de peinture"},
                                     headers=service.staff())).status_code in (200, 201, 204)
    room = await new_desk(service, place, kind="meeting_room", mode="hour", name="Salle Gélise")
    [member] = await new_members(service, amqp_url)
    day = bookable_day(5)
    while day.weekday() > 4:
        day = bookable_day((day - bookable_day(0)).days + 1)
    booked = await service.client.post("/api/bookings", headers=service.solo(member), json={
        "desk_id": str(room), "starts_at": paris(day, 10).isoformat(),
        "ends_at": paris(day, 11).isoformat()})
    assert booked.status_code == 201, booked.text
    return {"place": place, "name": name, "closed": closed, "member": member}


async def test_the_list_on_the_map_needs_no_sign_in(service, shown):
    answer = await service.client.get("/telecentres")
    assert answer.status_code == 200, answer.text
    page = text(answer)
    assert '<html lang="fr">' in page
    assert "Les télécentres et espaces de coworking du Gers" in page
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg, "the map has a text alternative"
    assert 'class="match-marker"' in svg
    listed = page[page.index('data-testid="places"'):]
    item = listed[listed.index(f'data-place="{shown["place"]}"'):]
    item = item[:item.index("</li>")]
    assert f'href="/telecentres/{shown["place"]}"' in item and shown["name"] in item
    assert "Télécentre · Condom" in item
    assert "3 postes · 2 salles de réunion" in item, "active desks and offices; rooms"
    assert "Horaires : lun.–ven. 08:30 – 18:30, sam. 09:00 – 13:00" in item
    assert 'aria-current="page"' in page and 'href="/telecentres"' in page, "the public menu"
    assert "Se déconnecter" not in page


async def test_the_list_in_english(service, shown):
    answer = await service.client.get("/telecentres?lang=en")
    page = text(answer)
    assert '<html lang="en">' in page and "The telecentres and coworking spaces" in page
    item = page[page.index(f'data-place="{shown["place"]}"'):]
    item = item[:item.index("</li>")]
    assert f'href="/telecentres/{shown["place"]}?lang=en"' in item
    assert "Telecentre · Condom" in item and "3 desks · 2 meeting rooms" in item
    assert "Hours: Mon–Fri 08:30–18:30, Sat 09:00–13:00" in item


async def test_a_place_page_without_people_or_bookings(service, shown):
    answer = await service.client.get(f"/telecentres/{shown['place']}")
    assert answer.status_code == 200, answer.text
    page = text(answer)
    assert f"<h1>{shown['name']}</h1>" in page
    assert "3 place de la Mairie, 32100 Condom" in page
    hours = page[page.index('data-testid="hours"'):page.index("</table>")]
    assert re.search(r"lundi</th><td>08:30 – 18:30", hours)
    assert re.search(r"samedi</th><td>09:00 – 13:00", hours)
    assert re.search(r"dimanche</th><td>fermé", hours)
    closures = page[page.index('data-testid="closures"'):]
    assert f'datetime="{shown["closed"].isoformat()}"' in closures
    assert "Travaux de peinture" in closures
    desks = page[page.index('data-testid="desks"'):]
    desks = desks[:desks.index("</table>")]
    for name in ("Poste 1", "Poste 2", "Bureau Armagnac", "Salle Baïse", "Salle Gélise"):
        assert name in desks
    assert "Poste retiré" not in page, "a deactivated desk is not offered"
    assert "8 pers." not in desks and "6 pers." in desks
    assert f'href="/members/book/{shown["place"]}"' in page, "members sign in and book"
    assert 'data-testid="form-link"' in page and 'href="/"' in page, "others: the form"
    assert str(shown["member"]) not in page, "no person shown"
    assert "10:00" not in page and "11:00" not in page, "no booking shown"


async def test_a_place_page_in_english(service, shown):
    page = text(await service.client.get(f"/telecentres/{shown['place']}?lang=en"))
    assert '<html lang="en">' in page and "Opening hours" in page
    assert re.search(r"Monday</th><td>08:30–18:30", page)
    assert re.search(r"Sunday</th><td>closed", page)
    assert "How to book" in page and "Hot desk" in page and "6 people" in page
    assert 'href="/telecentres?lang=en"' in page and 'href="/?lang=en"' in page


@pytest.mark.parametrize("raw", [str(uuid.uuid4()), "nonsense", "1" * 120, "near"])
async def test_an_unknown_or_malformed_place_is_the_404_page(service, raw):
    answer = await service.client.get(f"/telecentres/{raw}")
    assert answer.status_code == 404
    assert "Page introuvable" in text(answer) and "<html" in answer.text
    english = await service.client.get(f"/telecentres/{raw}?lang=en")
    assert english.status_code == 404 and '<html lang="en">' in english.text


@pytest.fixture(scope="module")
async def astarac(service):
    """Places in Lalanne-Arqué and its three nearest neighbours, created farthest first."""
    made = {}
    for code, commune, _ in reversed(NEIGHBOURS):
        made[code] = await new_place(service, insee_code=code, commune=commune,
                                     name=f"Télécentre de {commune} {uuid.uuid4().hex[:4]}")
    made[ORIGIN[0]] = await new_place(service, insee_code=ORIGIN[0], commune=ORIGIN[1],
                                      kind="coworking",
                                      name=f"Espace {ORIGIN[1]} {uuid.uuid4().hex[:4]}")
    return made


def _nearest(page: str) -> list[tuple[str, str]]:
    """(place id, distance words) of each listed place, in order."""
    return re.findall(r'<li data-place="([^"]+)">.*?data-testid="distance">([^<]*)<', page,
                      re.S)


async def test_the_nearest_places_as_an_htmx_fragment(service, astarac):
    answer = await service.client.get(f"/telecentres/near/{ORIGIN[0]}",
                                      headers={"HX-Request": "true"})
    assert answer.status_code == 200, answer.text
    page = text(answer)
    assert "<html" not in page and "<h1" not in page and "<h2" not in page, "only the list"
    assert page.lstrip().startswith("<ol") and 'data-testid="nearest"' in page
    found = _nearest(page)
    assert found == [(str(astarac[ORIGIN[0]]), "dans la commune"),
                     (str(astarac[NEIGHBOURS[0][0]]), f"à {NEIGHBOURS[0][2]} km"),
                     (str(astarac[NEIGHBOURS[1][0]]), f"à {NEIGHBOURS[1][2]} km")]
    assert str(astarac[NEIGHBOURS[2][0]]) not in page, "three places only"
    assert f'href="/telecentres/{astarac[ORIGIN[0]]}"' in page
    assert "Espace de coworking, Lalanne-Arqué" in page
    english = text(await service.client.get(f"/telecentres/near/{ORIGIN[0]}?lang=en",
                                            headers={"HX-Request": "true"}))
    assert [km for _, km in _nearest(english)] == ["in the commune", "1.8 km away",
                                                "3.3 km away"]
    assert f'href="/telecentres/{astarac[ORIGIN[0]]}?lang=en"' in english


async def test_the_nearest_places_as_a_page(service, astarac):
    answer = await service.client.get(f"/telecentres/near/{NEIGHBOURS[0][0]}")
    assert answer.status_code == 200, answer.text
    page = text(answer)
    assert '<html lang="fr">' in page
    assert "<h1>Les lieux les plus proches de Cap d'Astarac</h1>" in page
    assert [place for place, _ in _nearest(page)] == [
        str(astarac[code]) for code in (NEIGHBOURS[0][0], ORIGIN[0], NEIGHBOURS[2][0])]
    assert 'href="/telecentres"' in page
    english = text(await service.client.get(f"/telecentres/near/{NEIGHBOURS[0][0]}?lang=en"))
    assert "The places nearest to Cap d'Astarac" in english


@pytest.mark.parametrize("code", ["32999", "31555", "nonsense", "3218", "321850", "2A004"])
async def test_a_code_that_is_no_commune_of_the_gers_is_the_404_page(service, code):
    answer = await service.client.get(f"/telecentres/near/{code}")
    assert answer.status_code == 404
    assert "Page introuvable" in text(answer)
    fragment = await service.client.get(f"/telecentres/near/{code}",
                                        headers={"HX-Request": "true"})
    assert fragment.status_code == 404 and "<html" not in fragment.text


@pytest.mark.parametrize("path", ["/telecentres", "/telecentres?lang=en"])
async def test_public_pages_carry_no_script_and_set_no_session(service, shown, path):
    answer = await service.client.get(path)
    assert answer.status_code == 200
    assert "<script" not in answer.text
    assert not re.search(r'(src|href)="(https?:)?//', answer.text), "nothing from elsewhere"
    assert "default-src 'self'" in answer.headers["content-security-policy"]
    cookies = answer.headers.get_list("set-cookie")
    assert all(c.startswith("soho_lang=") for c in cookies), cookies
