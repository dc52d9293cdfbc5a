"""Who may do what: no token 401, wrong role 403, another member's booking 403."""

import uuid

import pytest

from shared.auth import Role

from .support import bookable_day, new_desk, new_members, new_place, paris


@pytest.fixture(scope="module")
async def booked(service, amqp_url):
    """Two members and a booking of the first one's."""
    owner, other = await new_members(service, amqp_url, 2)
    desk = await new_desk(service, await new_place(service))
    day = bookable_day(15)
    response = await service.client.post(
        "/api/bookings", headers=service.solo(owner),
        json={"desk_id": str(desk), "starts_at": paris(day, 10).isoformat(),
              "ends_at": paris(day, 11).isoformat()})
    assert response.status_code == 201
    return {"owner": owner, "other": other, "desk": desk, "day": day,
            "booking": response.json()["booking_id"]}


@pytest.mark.parametrize("method, path", [
    ("GET", "/api/telecentres"), ("POST", "/api/bookings"), ("GET", "/api/me"),
    ("DELETE", f"/api/bookings/{uuid.uuid4()}"), ("GET", "/api/members"),
])
async def test_no_token_or_a_bad_one_is_401(service, method, path):
    for headers in ({}, {"Authorization": "Bearer not-a-token"}):
        response = await service.client.request(method, path, headers=headers, json={})
        assert response.status_code == 401, (method, path, response.text)


async def test_any_valid_token_reads_the_telecentres(service):
    for headers in (service.staff(), service.committee("32013"), service.solo(uuid.uuid4())):
        assert (await service.client.get("/api/telecentres", headers=headers)).status_code == 200


async def test_committee_and_staff_cannot_book(service, booked):
    day = booked["day"]
    body = {"desk_id": str(booked["desk"]), "starts_at": paris(day, 14).isoformat(),
            "ends_at": paris(day, 15).isoformat()}
    for headers in (service.committee("32208"), service.staff()):
        assert (await service.client.post("/api/bookings", json=body,
                                          headers=headers)).status_code == 403


async def test_a_solo_unknown_here_cannot_book(service, booked):
    day = booked["day"]
    response = await service.client.post(
        "/api/bookings", headers=service.solo(uuid.uuid4()),
        json={"desk_id": str(booked["desk"]), "starts_at": paris(day, 16).isoformat(),
              "ends_at": paris(day, 17).isoformat()})
    assert response.status_code == 403
    assert "member" in response.json()["detail"][0]["msg"]


async def test_another_solo_cannot_see_cancel_or_check_in_a_booking(service, booked):
    path = f"/api/bookings/{booked['booking']}"
    other = service.solo(booked["other"])
    assert (await service.client.get(path, headers=other)).status_code == 403
    assert (await service.client.delete(path, headers=other)).status_code == 403
    assert (await service.client.post(f"{path}/check-in", headers=other)).status_code == 403
    assert (await service.client.get(f"{path}/calendar.ics", headers=other)).status_code == 403
    committee = service.committee("32208")
    assert (await service.client.delete(path, headers=committee)).status_code == 403
    still = await service.client.get(path, headers=service.solo(booked["owner"]))
    assert still.json()["status"] == "booked"


async def test_staff_routes_refuse_solos_and_committees(service, booked):
    place = (await service.client.get(f"/api/bookings/{booked['booking']}",
                                      headers=service.staff())).json()["telecentre_id"]
    for headers in (service.solo(booked["owner"]), service.token(Role.COMMITTEE, village="32013")):
        assert (await service.client.get("/api/members", headers=headers)).status_code == 403
        assert (await service.client.get(f"/api/telecentres/{place}/occupancy",
                                         headers=headers)).status_code == 403
        assert (await service.client.post(f"/api/telecentres/{place}/desks", headers=headers,
                                          json={})).status_code == 403
