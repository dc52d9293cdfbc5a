"""Each broken rule is a 422 naming the rule; an overlap is a 409."""

import uuid
from datetime import timedelta

import pytest

from .support import new_desk, new_members, new_place, paris, quiet_monday


@pytest.fixture(scope="module")
async def setup(service, amqp_url):
    [member] = await new_members(service, amqp_url)
    place = await new_place(service, week=[{"weekday": d, "opens": "08:30", "closes": "18:30"}
                                           for d in range(5)])
    desk = await new_desk(service, place, kind="hot_desk", mode="half_day")
    room = await new_desk(service, place)
    office = await new_desk(service, place, kind="private_office", mode="day")
    day = quiet_monday(9) + timedelta(days=1)  # a Tuesday
    return {"member": member, "place": place, "desk": desk, "room": room, "office": office,
            "day": day}


async def attempt(service, setup, resource: str, start, end, member=None):
    return await service.client.post(
        "/api/bookings", headers=service.solo(member or setup["member"]),
        json={"desk_id": str(setup[resource]), "starts_at": start.isoformat(),
              "ends_at": end.isoformat()})


def rule_of(response) -> str:
    assert response.status_code == 422, response.text
    return response.json()["detail"][0]["rule"]


async def test_every_rule_is_named(service, setup):
    day = setup["day"]
    sunday = day + timedelta(days=5)
    far = day + timedelta(days=70)
    cases = [
        ("room", paris(day, 7), paris(day, 8), "outside_opening_hours"),
        ("desk", paris(sunday, 8, 30), paris(sunday, 13), "outside_opening_hours"),
        ("desk", paris(day, 9), paris(day, 13), "not_aligned"),
        ("office", paris(day, 8, 30), paris(day, 13), "not_aligned"),
        ("room", paris(day, 9, 30), paris(day, 10, 30), "not_aligned"),
        ("room", paris(day, 9), paris(day, 14), "too_long"),
        ("room", paris(far, 9), paris(far, 10), "too_far_ahead"),
        ("room", paris(day - timedelta(days=30), 9), paris(day - timedelta(days=30), 10),
         "in_the_past"),
        ("room", paris(day, 11), paris(day, 10), "invalid_period"),
    ]
    for resource, start, end, rule in cases:
        response = await attempt(service, setup, resource, start, end)
        assert rule_of(response) == rule, (resource, start, rule)
        detail = response.json()["detail"][0]
        assert detail["loc"][0] == "body" and detail["msg"] and detail["msg_fr"]


async def test_closures_set_by_staff_and_public_holidays(service, setup):
    day = setup["day"]
    closed = await service.client.put(f"/api/telecentres/{setup['place']}/closures/{day}",
                                      json={"reason": "Travaux"}, headers=service.staff())
    assert closed.status_code == 200
    response = await attempt(service, setup, "room", paris(day, 9), paris(day, 10))
    assert rule_of(response) == "closure" and "Travaux" in response.json()["detail"][0]["msg"]
    reopened = await service.client.delete(f"/api/telecentres/{setup['place']}/closures/{day}",
                                           headers=service.staff())
    assert reopened.status_code == 204
    reopened_booking = await attempt(service, setup, "room", paris(day, 9), paris(day, 10))
    assert reopened_booking.status_code == 201


async def test_an_overlap_is_409_and_touching_slots_are_fine(service, setup, amqp_url):
    day = setup["day"] + timedelta(days=1)
    other = (await new_members(service, amqp_url))[0]
    first = await attempt(service, setup, "room", paris(day, 10), paris(day, 12))
    assert first.status_code == 201
    assert (await attempt(service, setup, "room", paris(day, 11), paris(day, 12),
                          other)).status_code == 409
    assert (await attempt(service, setup, "room", paris(day, 9), paris(day, 11),
                          other)).status_code == 409
    assert (await attempt(service, setup, "room", paris(day, 12), paris(day, 13),
                          other)).status_code == 201


async def test_the_weekly_quota(service, setup, amqp_url):
    service.app.state.settings.weekly_quota_hours = 12
    [member] = await new_members(service, amqp_url)
    day = setup["day"] + timedelta(days=2)  # Thursday; the week also holds Tuesday
    assert (await attempt(service, setup, "office", paris(day, 8, 30), paris(day, 18, 30),
                          member)).status_code == 201  # 10 hours
    friday = day + timedelta(days=1)
    response = await attempt(service, setup, "room", paris(friday, 9), paris(friday, 12), member)
    assert rule_of(response) == "weekly_quota"
    assert (await attempt(service, setup, "room", paris(friday, 9), paris(friday, 11),
                          member)).status_code == 201  # exactly 12
    next_monday = day + timedelta(days=4)
    assert (await attempt(service, setup, "room", paris(next_monday, 9), paris(next_monday, 12),
                          member)).status_code == 201  # a new week


async def test_unknown_desk_and_malformed_times_are_422_naming_the_field(service, setup):
    response = await service.client.post(
        "/api/bookings", headers=service.solo(setup["member"]),
        json={"desk_id": str(uuid.uuid4()), "starts_at": paris(setup["day"], 9).isoformat(),
              "ends_at": paris(setup["day"], 10).isoformat()})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "desk_id"]
    for bad in ("2026-01-01T09:00:00", "tomorrow", "0001-01-01T00:00:00+01:00"):
        response = await service.client.post(
            "/api/bookings", headers=service.solo(setup["member"]),
            json={"desk_id": str(setup["room"]), "starts_at": bad,
                  "ends_at": paris(setup["day"], 10).isoformat()})
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", "starts_at"]
