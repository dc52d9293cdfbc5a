"""The members' booking pages behind the front door (X-Soho-Identity, solos only): the
places on a list and a map, a place's week with a button per free slot (a form per day), booking
through it (the same use case as POST /api/bookings: 303 and a notice), the slot taken
meanwhile (409, nothing booked, the next free desk offered and booked in one click), other
rules refused (422 saying why), my bookings with cancel and check-in (its window), another
member's booking a 404, the calendar feed through the front door's /calendar/ at an address
built from SOHO_PUBLIC_URL, and its reset. Staff and committees 403, no identity 401, a
form without its CSRF field 403."""

import re
import uuid
from datetime import timedelta

import pytest

from services.bookings.domain.holidays import public_holiday
from services.bookings.domain.occupancy import iso_week
from shared.auth import Role

from .staff_pages import CSRF, identity, text
from .support import bookable_day, new_desk, new_members, new_place, paris


@pytest.fixture(autouse=True)
def no_cookies_kept(service):
    service.client.cookies.clear()
    yield
    service.client.cookies.clear()


def me(member) -> dict[str, str]:
    return identity(Role.SOLO, member=member, name="Anna de Vries")


async def get(service, path, member, status=200):
    answer = await service.client.get(path, headers=me(member))
    assert answer.status_code == status, (path, answer.status_code, answer.text[:3000])
    return answer


async def post(service, page, path, member, data):
    token = CSRF.search(page.text).group(1)
    return await service.client.post(path, headers=me(member), data={"csrftoken": token, **data})


def slot_value(desk, day, start=(8, 0), end=(13, 0)) -> str:
    """What a slot's button in the week sends: "desk start end"."""
    return f"{desk} {paris(day, *start).isoformat()} {paris(day, *end).isoformat()}"


def slot(desk, day, start=(8, 0), end=(13, 0)) -> dict[str, str]:
    return {"slot": slot_value(desk, day, start, end)}


def offer(desk, day, start=(8, 0), end=(13, 0)) -> dict[str, str]:
    """What the 409 page's offer sends: the desk and the times in hidden fields."""
    return {"desk_id": str(desk), "starts_at": paris(day, *start).isoformat(),
            "ends_at": paris(day, *end).isoformat()}


async def a_place(service, desks=2):
    place = await new_place(service, name=f"Télécentre de Lectoure {uuid.uuid4().hex[:4]}",
                            insee_code="32208", commune="Lectoure")
    ids = [await new_desk(service, place, kind="hot_desk", mode="half_day", name=f"Poste {n + 1}")
           for n in range(desks)]
    return place, ids


async def active_bookings_of_desk(service, desk) -> int:
    async with service.app.state.pool.acquire() as conn:
        return await conn.fetchval("SELECT count(*) FROM bookings WHERE resource_id = $1 "
                                   "AND status IN ('booked', 'checked_in')", desk)


async def test_the_places_on_a_list_and_a_map_lead_to_a_week_of_free_slots(service, amqp_url):
    [member] = await new_members(service, amqp_url)
    place, (desk, _) = await a_place(service)
    page = await get(service, "/members/book", member)
    assert f'href="/members/book/{place}"' in page.text and 'data-testid="map"' in page.text
    assert "Lectoure" in page.text and "2 × Poste de travail" in text(page)
    assert re.search(r'<title id="map-title">Carte du Gers', page.text)
    english = await get(service, "/members/book?lang=en", member)
    assert "2 × Hot desk" in text(english) and "Map of the Gers" in english.text
    service.client.cookies.clear()  # the language cookie

    day = bookable_day(10)
    week = await get(service, f"/members/book/{place}?week={iso_week(day)}", member)
    assert f'data-day="{day.isoformat()}"' in week.text
    assert f'value="{slot_value(desk, day)}"' in week.text
    assert f'value="{slot_value(desk, day, (13, 0), (20, 0))}"' in week.text  # the afternoon
    assert 'aria-label="Réserver matin 8 h–13 h, ' in week.text
    shows = '<span class="slot-part">{}</span> <span class="slot-time">{}</span>'
    assert shows.format("matin", "8 h–13 h") in week.text  # the half, its hours
    assert shows.format("journée", "8 h–20 h") in week.text  # both free: the day
    # A week that is no week: 422 naming the field, what was typed kept; unknown places 404.
    bad = await get(service, f"/members/book/{place}?week=2026-W99", member, status=422)
    assert 'data-testid="error-summary"' in bad.text and 'value="2026-W99"' in bad.text
    await get(service, f"/members/book/{uuid.uuid4()}", member, status=404)
    await get(service, "/members/book/not-an-id", member, status=404)


async def test_booking_a_slot_is_one_click_then_a_notice(service, amqp_url):
    [member] = await new_members(service, amqp_url)
    place, (desk, desk_two) = await a_place(service)
    day = bookable_day(11)
    week = await get(service, f"/members/book/{place}?week={iso_week(day)}", member)
    answer = await post(service, week, f"/members/book/{place}", member, slot(desk, day))
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"].startswith("/members/bookings?done=booked&booking=")
    done = await get(service, answer.headers["location"], member)
    assert "C'est réservé : Poste 1" in text(done) and "de 8 h 00 à 13 h 00" in text(done)
    assert await active_bookings_of_desk(service, desk) == 1
    # The whole day of the other desk, in one booking.
    whole = await post(service, week, f"/members/book/{place}", member,
                       slot(desk_two, day, (8, 0), (20, 0)))
    assert whole.status_code == 303
    # The slot is no longer offered in the week.
    week = await get(service, f"/members/book/{place}?week={iso_week(day)}", member)
    assert f'value="{slot_value(desk, day)}"' not in week.text
    assert f'value="{slot_value(desk, day, (13, 0), (20, 0))}"' in week.text


async def test_a_slot_taken_meanwhile_is_a_409_offering_the_next_free_desk(service, amqp_url):
    first, second = await new_members(service, amqp_url, 2)
    place, (desk, other_desk) = await a_place(service)
    day = bookable_day(12)
    # Both members see the slot free.
    page_one = await get(service, f"/members/book/{place}?week={iso_week(day)}", first)
    service.client.cookies.clear()
    page_two = await get(service, f"/members/book/{place}?week={iso_week(day)}", second)
    assert (await post(service, page_two, f"/members/book/{place}", second,
                       slot(desk, day))).status_code == 303
    service.client.cookies.clear()
    page_one = await get(service, "/members/book", first)
    taken = await post(service, page_one, f"/members/book/{place}", first, slot(desk, day))
    assert taken.status_code == 409, taken.text
    assert "Ce créneau vient d'être pris" in text(taken) and 'data-testid="offer"' in taken.text
    assert f'name="desk_id" value="{other_desk}"' in taken.text
    assert await active_bookings_of_desk(service, desk) == 1  # never a double booking
    offered = await post(service, taken, f"/members/book/{place}", first,
                         offer(other_desk, day))
    assert offered.status_code == 303
    assert await active_bookings_of_desk(service, other_desk) == 1
    # Nothing left at that time: the 409 says so, without an offer.
    service.client.cookies.clear()
    [third] = await new_members(service, amqp_url)
    page = await get(service, "/members/book?lang=en", third)
    full = await post(service, page, f"/members/book/{place}?lang=en", third, slot(desk, day))
    assert full.status_code == 409 and 'data-testid="no-offer"' in full.text
    assert "This slot was just taken" in text(full)
    service.client.cookies.clear()


async def test_other_rules_are_a_422_saying_why(service, amqp_url):
    [member] = await new_members(service, amqp_url)
    place, (desk, _) = await a_place(service)
    day = bookable_day(13)
    page = await get(service, "/members/book", member)
    service.app.state.settings.weekly_quota_hours = 2
    over = await post(service, page, f"/members/book/{place}", member, slot(desk, day))
    assert over.status_code == 422 and "quota hebdomadaire" in text(over)
    service.app.state.settings.weekly_quota_hours = 32
    misaligned = await post(service, page, f"/members/book/{place}", member,
                            slot(desk, day, (9, 0), (10, 0)))
    assert misaligned.status_code == 422 and "demi-journée" in text(misaligned)
    broken = await post(service, page, f"/members/book/{place}", member,
                        {"desk_id": "x", "starts_at": "tomorrow"})
    assert broken.status_code == 422 and "incomplet" in text(broken)
    assert await active_bookings_of_desk(service, desk) == 0


async def booked(service, member, desk, day, start=(8, 0), end=(13, 0)) -> str:
    answer = await service.client.post("/api/bookings", headers=service.solo(member), json={
        "desk_id": str(desk), "starts_at": paris(day, *start).isoformat(),
        "ends_at": paris(day, *end).isoformat()})
    assert answer.status_code == 201, answer.text
    return answer.json()["booking_id"]


async def test_my_bookings_cancel_and_check_in_in_its_window(service, amqp_url):
    member, other = await new_members(service, amqp_url, 2)
    place, (desk, desk_two) = await a_place(service)
    day = bookable_day(14)
    morning = await booked(service, member, desk, day)
    afternoon = await booked(service, member, desk, day, (13, 0), (20, 0))
    theirs = await booked(service, other, desk_two, day)
    page = await get(service, "/members/bookings", member)
    assert f'data-booking="{morning}"' in page.text and f'data-booking="{theirs}"' not in page.text
    assert f'action="/members/bookings/{morning}/cancel"' in page.text
    assert f'action="/members/bookings/{morning}/check-in"' not in page.text  # not yet
    # Check-in outside its window: 422 saying why; inside it: 303 and a notice.
    early = await post(service, page, f"/members/bookings/{morning}/check-in", member, {})
    assert early.status_code == 422 and "15 minutes avant le début" in text(early)
    service.app.state.clock = lambda: paris(day, 7, 50)
    page = await get(service, "/members/bookings", member)
    assert f'action="/members/bookings/{morning}/check-in"' in page.text
    arrived = await post(service, page, f"/members/bookings/{morning}/check-in", member, {})
    assert arrived.status_code == 303 and arrived.headers["location"] == \
        "/members/bookings?done=checked_in"
    page = await get(service, arrived.headers["location"], member)
    assert "Arrivée enregistrée" in text(page) and "Présence enregistrée" in text(page)
    # Cancel: 303, a notice, the slot free again.
    cancelled = await post(service, page, f"/members/bookings/{afternoon}/cancel", member, {})
    assert cancelled.status_code == 303
    page = await get(service, cancelled.headers["location"], member)
    assert "Réservation annulée" in text(page)
    status = (await service.client.get(f"/api/bookings/{afternoon}",
                                       headers=service.solo(member))).json()["status"]
    assert status == "cancelled"
    # Another member's booking, an unknown one, a malformed id: the 404 page, nothing done.
    for path in (f"/members/bookings/{theirs}/cancel", f"/members/bookings/{theirs}/check-in",
                 f"/members/bookings/{uuid.uuid4()}/cancel", "/members/bookings/nope/cancel"):
        refused = await post(service, page, path, member, {})
        assert refused.status_code == 404, path
    assert await active_bookings_of_desk(service, desk_two) == 1


async def test_past_bookings_are_keyset_paged(service, amqp_url):
    [member] = await new_members(service, amqp_url)
    place, [desk] = await a_place(service, desks=1)
    first = bookable_day(15)
    service.app.state.settings.weekly_quota_hours = 500
    days = [first + timedelta(days=n) for n in range(30)]
    made = []
    for day in days:
        if len(made) < 21 and not public_holiday(day):
            made.append(await booked(service, member, desk, day))
    service.app.state.clock = lambda: paris(first + timedelta(days=40), 8)
    page = await get(service, "/members/bookings", member)
    shown = re.findall(r'data-booking="([^"]+)"', page.text)
    assert len(made) == 21 and len(shown) == 20, (len(shown), set(made) - set(shown))
    more = re.search(r'href="(/members/bookings\?past_after=[^"]+)"', page.text)
    assert more, "a link to the older past bookings"
    older = await get(service, more.group(1).replace("&amp;", "&"), member)
    assert older.text.count("data-booking=") == len(made) - 20


async def test_the_calendar_feed_through_the_front_door_and_its_reset(service, amqp_url):
    [member] = await new_members(service, amqp_url)
    place, [desk] = await a_place(service, desks=1)
    await booked(service, member, desk, bookable_day(16))
    service.app.state.settings.public_url = "https://soho.example.org/"
    page = await get(service, "/members/bookings", member)
    feed = re.search(r'value="([^"]+)" aria-describedby="feed-help feed-copy"', page.text)
    assert feed and feed.group(1).startswith("https://soho.example.org/calendar/")
    home = await get(service, "/members/", member)
    assert 'href="https://soho.example.org/calendar/' in home.text  # not from the Host header
    api = (await service.client.get("/api/me", headers=service.solo(member))).json()
    assert api["calendar_feed_url"] == feed.group(1)
    path = feed.group(1).removeprefix("https://soho.example.org")
    answer = await service.client.get(path)  # no identity: the token is the credential
    assert answer.status_code == 200 and b"BEGIN:VEVENT" in answer.content
    assert (await service.client.get("/api" + path)).status_code == 200  # the old route
    reset = await post(service, page, "/members/calendar-feed", member, {})
    assert reset.status_code == 303 and reset.headers["location"].endswith("#calendar")
    page = await get(service, reset.headers["location"].split("#")[0], member)
    assert "Nouveau lien d'agenda" in text(page) and feed.group(1) not in page.text
    assert (await service.client.get(path)).status_code == 404
    assert (await service.client.get("/api" + path)).status_code == 404


PAGES = ["/members/book", "/members/book/{place}", "/members/bookings"]
FORMS = ["/members/book/{place}", "/members/bookings/{booking}/cancel",
         "/members/bookings/{booking}/check-in", "/members/calendar-feed"]


@pytest.mark.parametrize("role, scope", [(Role.STAFF, {}), (Role.COMMITTEE, {"village": "32208"})])
async def test_staff_and_committees_get_the_403_page(service, role, scope):
    values = {"place": uuid.uuid4(), "booking": uuid.uuid4()}
    for path in PAGES:
        answer = await service.client.get(path.format(**values),
                                          headers=identity(role, name="Marie", **scope))
        assert answer.status_code == 403 and "Accès refusé" in text(answer), path


async def test_without_identity_401_and_without_csrf_403(service):
    values = {"place": uuid.uuid4(), "booking": uuid.uuid4()}
    for path in PAGES:
        answer = await service.client.get(path.format(**values))
        assert answer.status_code == 401 and "/sign-in?next=" in answer.text, path
    for path in FORMS:
        answer = await service.client.post(path.format(**values), headers=me(uuid.uuid4()),
                                           data={"desk_id": "x"})
        assert answer.status_code == 403, path


async def test_the_page_and_the_api_share_the_cap_on_booking_attempts(service, amqp_url):
    [member] = await new_members(service, amqp_url)
    place, [desk] = await a_place(service, desks=1)
    page = await get(service, "/members/book", member)
    service.app.state.settings.bookings_per_minute = 2
    service.app.state.booking_limiter = None  # a fresh minute
    try:
        for hours in ((8, 0), (13, 0)), ((13, 0), (20, 0)):
            answer = await post(service, page, f"/members/book/{place}", member,
                                slot(desk, bookable_day(18), *hours))
            assert answer.status_code == 303
        capped = await post(service, page, f"/members/book/{place}", member,
                            slot(desk, bookable_day(17)))
        assert capped.status_code == 429 and "trop de tentatives" in text(capped)
        api = await service.client.post("/api/bookings", headers=service.solo(member), json={
            "desk_id": str(desk), "starts_at": paris(bookable_day(17), 8).isoformat(),
            "ends_at": paris(bookable_day(17), 13).isoformat()})
        assert api.status_code == 429
    finally:
        service.app.state.booking_limiter = None
    assert await active_bookings_of_desk(service, desk) == 2  # the two before the cap
