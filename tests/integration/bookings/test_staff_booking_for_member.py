"""Staff booking a desk on behalf of a member who has no account yet (bookings knows them
from solo.installed only), behind the front door: the places, a place's week of free slots
(the members' week data) with a button per slot, booking through it (the members' use case:
the row is the member's, `booked_by` the staff member, desk.booked staged in the outbox and
published), the slot taken meanwhile (409 offering the next free desk, booked in one click),
rules broken (422), unknown member, place or booking (404), a bad week (422 naming the
field), other roles (403), no identity (401), no CSRF field (403); the member's bookings page
and fragment link to it and cancel; the member sees "réservé par l'équipe"; the JSON API
beside it (POST /api/members/{id}/bookings)."""

import json
import uuid
from datetime import date

import pytest

from services.bookings.domain.occupancy import iso_week
from shared.auth import Role

from .staff_pages import CSRF, STAFF, identity, open_page, post_form, text
from .support import bookable_day, new_desk, new_members, new_place, paris
from tests.support.waiting import wait_for


@pytest.fixture(autouse=True)
def no_cookies_kept(service):
    service.client.cookies.clear()
    yield
    service.client.cookies.clear()


def slot(desk, day, start=(8, 0), end=(13, 0)) -> dict[str, str]:
    return {"slot": f"{desk} {paris(day, *start).isoformat()} {paris(day, *end).isoformat()}"}


def offer(desk, day, start=(8, 0), end=(13, 0)) -> dict[str, str]:
    return {"desk_id": str(desk), "starts_at": paris(day, *start).isoformat(),
            "ends_at": paris(day, *end).isoformat()}


async def a_place(service, desks=2):
    place = await new_place(service, name=f"Télécentre de Condom {uuid.uuid4().hex[:4]}")
    ids = [await new_desk(service, place, kind="hot_desk", mode="half_day", name=f"Poste {n + 1}")
           for n in range(desks)]
    return place, ids


async def rows_of(service, member) -> list:
    async with service.app.state.pool.acquire() as conn:
        return await conn.fetch("SELECT * FROM bookings WHERE member_id = $1 ORDER BY starts_at",
                                member)


async def outbox_events(service, booking_id) -> list[dict]:
    async with service.app.state.pool.acquire() as conn:
        bodies = await conn.fetch("SELECT type, body FROM outbox WHERE subject = $1 ORDER BY seq",
                                  str(booking_id))
    return [dict(json.loads(bytes(r["body"])), type=r["type"]) for r in bodies]


def base(member) -> str:
    return f"/staff/bookings/members/{member}"


async def test_staff_book_a_slot_for_a_member_who_has_no_account(service, amqp_url, listener):
    [member] = await new_members(service, amqp_url)  # solo.installed only: no account anywhere
    place, (desk, _) = await a_place(service)
    day = bookable_day(10)
    # From the member's bookings (page and fragment) to the places, to the place's week.
    bookings_page = await open_page(service, base(member))
    assert f'href="{base(member)}/book"' in bookings_page.text
    assert "Réserver un poste pour ce membre" in text(bookings_page)
    fragment = await open_page(service, base(member), {**STAFF, "HX-Request": "true"})
    assert f'href="{base(member)}/book"' in fragment.text and "<html" not in fragment.text
    places = await open_page(service, f"{base(member)}/book")
    assert f'href="{base(member)}/book/{place}"' in places.text
    assert "Réserver un poste pour ce membre" in text(places) and "Lectoure" in text(places)
    week = await open_page(service, f"{base(member)}/book/{place}?week={iso_week(day)}")
    assert f'data-day="{day.isoformat()}"' in week.text
    assert f'action="{base(member)}/book/{place}"' in week.text
    assert slot(desk, day)["slot"] in week.text and "Réserver matin 8 h–13 h, " in text(week)
    english = await open_page(service, f"{base(member)}/book/{place}?week={iso_week(day)}"
                                       "&lang=en")
    assert "booking for a member" in text(english) and "morning" in text(english)
    service.client.cookies.clear()
    week = await open_page(service, f"{base(member)}/book/{place}?week={iso_week(day)}")

    answer = await post_form(service, week, f"{base(member)}/book/{place}", slot(desk, day))
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"].startswith(f"{base(member)}?done=booked&booking=")
    done = await open_page(service, answer.headers["location"])
    assert "Réservé pour le membre : Poste 1" in text(done)
    assert 'data-testid="booked-by-staff"' in done.text and "réservé par l'équipe" in text(done)
    # The row is the member's; staff's name is on it; desk.booked staged and published.
    [row] = await rows_of(service, member)
    assert row["resource_id"] == desk and row["status"] == "booked"
    assert row["starts_at"] == paris(day, 8, 0) and row["booked_by"]
    [event] = await outbox_events(service, row["id"])
    assert event["type"] == "desk.booked" and event["data"]["member_id"] == str(member)
    assert event["data"]["desk_id"] == str(desk) and event["data"]["telecentre_id"] == str(place)
    await wait_for(lambda: [r for r in listener.received if r.routing_key == "desk.booked"
                            and r.body["data"]["booking_id"] == str(row["id"])],
                   message="desk.booked published")
    # The slot is no longer offered; the member sees the booking as made by staff.
    week = await open_page(service, f"{base(member)}/book/{place}?week={iso_week(day)}")
    assert slot(desk, day)["slot"] not in week.text
    mine = await service.client.get("/members/bookings",
                                    headers=identity(Role.SOLO, member=member))
    assert mine.status_code == 200 and "Réservé par l'équipe" in text(mine)
    english = await service.client.get("/members/bookings?lang=en",
                                       headers=identity(Role.SOLO, member=member))
    assert "Booked by staff" in text(english)


async def test_a_slot_taken_meanwhile_is_409_offering_the_next_free_desk(service, amqp_url):
    member, other = await new_members(service, amqp_url, 2)
    place, (desk, other_desk) = await a_place(service)
    day = bookable_day(11)
    week = await open_page(service, f"{base(member)}/book/{place}?week={iso_week(day)}")
    # Another member books the desk meanwhile, through the API.
    taken_by_other = await service.client.post(
        "/api/bookings", headers=service.solo(other), json=offer(desk, day))
    assert taken_by_other.status_code == 201
    taken = await post_form(service, week, f"{base(member)}/book/{place}", slot(desk, day))
    assert taken.status_code == 409, taken.text
    assert "Ce créneau vient d'être pris" in text(taken)
    assert "rien n'a été réservé pour le membre" in text(taken)
    assert f'name="desk_id" value="{other_desk}"' in taken.text
    assert f'action="{base(member)}/book/{place}"' in taken.text
    assert await rows_of(service, member) == []
    offered = await post_form(service, taken, f"{base(member)}/book/{place}",
                              offer(other_desk, day))
    assert offered.status_code == 303, offered.text
    [row] = await rows_of(service, member)
    assert row["resource_id"] == other_desk and row["booked_by"]


async def test_refusals_unknown_ids_bad_weeks_and_broken_rules(service, amqp_url):
    [member] = await new_members(service, amqp_url)
    place, (desk, _) = await a_place(service)
    day = bookable_day(12)
    nobody = uuid.uuid4()  # no solo.installed for them
    for path in (f"{base(nobody)}/book", f"{base(nobody)}/book/{place}", f"{base(member)}/book/"
                 f"{uuid.uuid4()}", f"{base(member)}/book/not-an-id", f"{base('nope')}/book"):
        await open_page(service, path, status=404)
    bad = await open_page(service, f"{base(member)}/book/{place}?week=2026-W99", status=422)
    assert 'data-testid="error-summary"' in bad.text and 'value="2026-W99"' in bad.text
    page = await open_page(service, f"{base(member)}/book")
    # Posting for an unknown member or place: 404, nothing booked.
    assert (await post_form(service, page, f"{base(nobody)}/book/{place}",
                            slot(desk, day))).status_code == 404
    assert (await post_form(service, page, f"{base(member)}/book/{uuid.uuid4()}",
                            slot(desk, day))).status_code == 404
    # An incomplete form, a rule broken (in the past, not aligned), an unknown desk or one of
    # another place: 422.
    _, (elsewhere,) = await a_place(service, desks=1)
    for data in ({}, {"slot": "nonsense"}, slot(desk, date(2020, 1, 6)),
                 slot(desk, day, (9, 0), (10, 0)), slot(uuid.uuid4(), day), slot(elsewhere, day)):
        refused = await post_form(service, page, f"{base(member)}/book/{place}", data)
        assert refused.status_code == 422, (data, refused.text)
        assert "Rien n'a été réservé" in text(refused)
    assert await rows_of(service, member) == []


async def test_only_staff_and_only_with_the_csrf_field(service, amqp_url):
    [member] = await new_members(service, amqp_url)
    place, (desk, _) = await a_place(service)
    day = bookable_day(13)
    paths = [f"{base(member)}/book", f"{base(member)}/book/{place}"]
    for who in (identity(Role.SOLO, member=member), identity(Role.COMMITTEE, village="32208")):
        for path in paths:
            assert (await service.client.get(path, headers=who)).status_code == 403
    for path in paths:
        assert (await service.client.get(path)).status_code == 401
    page = await open_page(service, paths[1])
    token = CSRF.search(page.text).group(1)
    solo = await service.client.post(paths[1], headers=identity(Role.SOLO, member=member),
                                     data={"csrftoken": token, **slot(desk, day)})
    assert solo.status_code == 403
    no_csrf = await service.client.post(paths[1], headers=STAFF, data=slot(desk, day))
    assert no_csrf.status_code == 403
    assert await rows_of(service, member) == []


async def test_staff_cancel_a_members_booking_from_their_bookings(service, amqp_url):
    member, other = await new_members(service, amqp_url, 2)
    place, (desk, desk_two) = await a_place(service)
    day = bookable_day(14)
    mine = await service.client.post("/api/bookings", headers=service.solo(member),
                                     json=offer(desk, day))
    theirs = await service.client.post("/api/bookings", headers=service.solo(other),
                                       json=offer(desk_two, day))
    booking, other_booking = mine.json()["booking_id"], theirs.json()["booking_id"]
    fragment = await open_page(service, base(member), {**STAFF, "HX-Request": "true"})
    action = f"{base(member)}/bookings/{booking}/cancel"
    assert f'action="{action}"' in fragment.text and CSRF.search(fragment.text)
    # Another member's booking through this member's address, or none: 404.
    for wrong in (f"{base(member)}/bookings/{other_booking}/cancel",
                  f"{base(member)}/bookings/{uuid.uuid4()}/cancel",
                  f"{base(member)}/bookings/nope/cancel"):
        assert (await post_form(service, fragment, wrong, {})).status_code == 404
    done = await post_form(service, fragment, action, {})
    assert done.status_code == 303 and done.headers["location"] == f"{base(member)}?done=cancelled"
    page = await open_page(service, done.headers["location"])
    assert "Réservation annulée" in text(page) and "Annulée (par l'équipe)" in text(page)
    [row] = await rows_of(service, member)
    assert row["status"] == "cancelled" and row["release_reason"] == "staff"
    assert [e["type"] for e in await outbox_events(service, booking)] == [
        "desk.booked", "booking.cancelled"]
    again = await post_form(service, fragment, action, {})  # already cancelled: said so again
    assert again.status_code == 303
    solo = await service.client.post(action, headers=identity(Role.SOLO, member=member),
                                     data={"csrftoken": CSRF.search(fragment.text).group(1)})
    assert solo.status_code == 403


async def test_the_api_books_for_a_member(service, amqp_url):
    [member] = await new_members(service, amqp_url)
    place, (desk, _) = await a_place(service)
    day = bookable_day(15)
    path = f"/api/members/{member}/bookings"
    created = await service.client.post(path, headers=service.staff(), json=offer(desk, day))
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["member_id"] == str(member) and body["booked_by"] == "test-staff"
    assert body["calendar_url"].endswith(f"/api/bookings/{body['booking_id']}/calendar.ics")
    [event] = await outbox_events(service, body["booking_id"])
    assert event["type"] == "desk.booked" and event["data"]["member_id"] == str(member)
    # The member reads it as theirs.
    read = await service.client.get(f"/api/bookings/{body['booking_id']}",
                                    headers=service.solo(member))
    assert read.status_code == 200
    again = await service.client.post(path, headers=service.staff(), json=offer(desk, day))
    assert again.status_code == 409
    unknown = await service.client.post(f"/api/members/{uuid.uuid4()}/bookings",
                                        headers=service.staff(), json=offer(desk, day))
    assert unknown.status_code == 404
    bad = await service.client.post(path, headers=service.staff(),
                                    json=offer(desk, day, (9, 0), (10, 0)))
    assert bad.status_code == 422 and bad.json()["detail"][0]["rule"] == "not_aligned"
    solo = await service.client.post(path, headers=service.solo(member), json=offer(desk, day))
    assert solo.status_code == 403
    assert (await service.client.post(path, json=offer(desk, day))).status_code == 401
