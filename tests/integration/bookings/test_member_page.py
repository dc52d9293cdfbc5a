"""A member's own page behind the front door (/members/): the front door passes identity's
token on in X-Soho-Identity; the page greets the member by name and lists their coming
bookings (place, desk, date and time in French or English), counts the past ones and
links their calendar feed. Staff and committees 403, no token 401 (never 500), a form POST
without its CSRF field 403."""

import html
import os
import re
import uuid
from datetime import timedelta

import pytest

from shared.auth import FORWARDED_IDENTITY, Role, issue_token

from .support import bookable_day, new_desk, new_members, new_place, paris

SECRET = os.environ["SOHO_SECRET"]
FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre")
ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")


@pytest.fixture(autouse=True)
def no_cookies_kept(service):
    service.client.cookies.clear()
    yield
    service.client.cookies.clear()


def identity(role: Role, **claims) -> dict[str, str]:
    return {FORWARDED_IDENTITY: issue_token(SECRET, role, **claims)}


def text_of(answer) -> str:
    return html.unescape(answer.text)


async def book(service, member, desk, day, hour) -> str:
    answer = await service.client.post("/api/bookings", headers=service.solo(member), json={
        "desk_id": str(desk), "starts_at": paris(day, hour).isoformat(),
        "ends_at": paris(day, hour + 1).isoformat()})
    assert answer.status_code == 201, answer.text
    return answer.json()["booking_id"]


async def test_the_member_sees_their_coming_bookings_in_french_and_english(service, amqp_url):
    [member], [other] = await new_members(service, amqp_url), await new_members(service, amqp_url)
    place = await new_place(service, name=f"Télécentre de Condom {uuid.uuid4().hex[:4]}")
    room = await new_desk(service, place, name="Salle Armagnac")
    day = bookable_day(12)
    early = await book(service, member, room, day, 9)
    later = await book(service, member, room, day, 14)
    elsewhere = await book(service, other, room, day, 11)
    # The first booking is over: the page counts it as past, lists the other.
    service.app.state.clock = lambda: paris(day, 12)
    me = identity(Role.SOLO, member=member, name="Anna de Vries")

    french = await service.client.get("/members/", headers=me)
    assert french.status_code == 200, french.text
    page = text_of(french)
    assert '<html lang="fr">' in page and "Bonjour Anna de Vries" in page
    assert re.search(r'data-testid="person-name">Anna de Vries<', page)
    assert french.headers["cache-control"] == "no-store"
    assert "/assets/soho.css" in page and 'action="/sign-out"' in page
    assert 'href="/members/"' in page and "Mes réservations" in page
    assert f'data-booking="{later}"' in page
    assert f'data-booking="{early}"' not in page and f'data-booking="{elsewhere}"' not in page
    local = paris(day, 14)
    assert f"{local.day if local.day > 1 else '1er'} {FRENCH_MONTHS[local.month - 1]}" in page
    assert "de 14 h 00 à 15 h 00" in page and "Salle Armagnac" in page
    assert "Salle de réunion" in page and "Télécentre de Condom" in page
    assert "1 réservation passée." in page
    feed = re.search(r'href="([^"]+)" data-testid="calendar-feed"', page)
    me_api = (await service.client.get("/api/me", headers=service.solo(member))).json()
    assert feed and feed.group(1) == me_api["calendar_feed_url"]

    english = await service.client.get("/members/?lang=en", headers=me)
    page = text_of(english)
    assert '<html lang="en">' in page and "Hello Anna de Vries" in page
    assert f"{local.day} {ENGLISH_MONTHS[local.month - 1]} {local.year}" in page
    assert "14:00 to 15:00" in page and "Meeting room" in page and "1 past booking." in page


async def test_a_member_not_known_here_yet_gets_a_page_saying_so(service):
    answer = await service.client.get("/members/", headers=identity(
        Role.SOLO, member=uuid.uuid4(), name="Jo"))
    assert answer.status_code == 200
    assert 'data-testid="not-known"' in answer.text and "Bonjour Jo" in text_of(answer)


@pytest.mark.parametrize("role, scope", [(Role.STAFF, {}), (Role.COMMITTEE, {"village": "32107"})])
async def test_staff_and_committees_get_a_403_page(service, role, scope):
    answer = await service.client.get("/members/", headers=identity(role, name="Marie", **scope))
    assert answer.status_code == 403
    assert "Accès refusé" in text_of(answer)
    assert re.search(r'data-testid="person-name">Marie<', answer.text)


async def test_without_a_token_401_with_a_link_to_sign_in(service):
    forged = issue_token("another-secret-of-at-least-32-bytes!!", Role.SOLO, member=uuid.uuid4())
    for headers in ({}, {FORWARDED_IDENTITY: forged}, {FORWARDED_IDENTITY: "x.y.z"}):
        answer = await service.client.get("/members/", headers=headers)
        assert answer.status_code == 401
        assert 'href="/sign-in?next=/members/"' in answer.text
        assert "Connexion nécessaire" in text_of(answer)


async def test_a_post_without_its_csrf_field_is_403(service):
    me = identity(Role.SOLO, member=uuid.uuid4())
    assert (await service.client.post("/members/", headers=me, data={"x": "1"})).status_code == 403
