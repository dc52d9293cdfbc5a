"""Property: whatever bookings and cancellations happen, no two active bookings of a
resource overlap, and the API agrees with a simple model of the room."""

import asyncio
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .support import bookable_day, new_desk, new_members, new_place, paris

OPENS, CLOSES = 8, 20  # the test place's hours, every day

book = st.tuples(st.just("book"), st.integers(OPENS, CLOSES - 1), st.integers(1, 4),
                 st.integers(0, 2))
cancel = st.tuples(st.just("cancel"), st.integers(0, 30), st.just(0), st.integers(0, 2))
operations = st.lists(st.one_of(book, book, cancel), min_size=1, max_size=12)


@pytest.fixture(scope="module")
async def room_world(service, amqp_url):
    return {"place": await new_place(service),
            "members": await new_members(service, amqp_url, 3),
            "day": bookable_day(25)}


OVERLAPPING_ACTIVE = """
SELECT count(*) FROM bookings a JOIN bookings b
  ON a.resource_id = b.resource_id AND a.id < b.id
 AND tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)')
WHERE a.status IN ('booked', 'checked_in') AND b.status IN ('booked', 'checked_in')
"""


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=operations)
async def test_random_bookings_and_cancellations_never_overlap(service, room_world, ops):
    service.app.state.settings.weekly_quota_hours = 10_000  # quotas are not under test here
    room = await new_desk(service, room_world["place"])  # a fresh room per example
    day = room_world["day"]
    model: dict[str, tuple[int, int]] = {}  # active booking id -> (start hour, end hour)
    made: list[tuple[str, int]] = []  # every booking made, with its member's index
    for kind, a, b, who in ops:
        member = room_world["members"][who]
        if kind == "book":
            start, end = a, min(a + b, CLOSES)
            response = await service.client.post(
                "/api/bookings", headers=service.solo(member),
                json={"desk_id": str(room), "starts_at": paris(day, start).isoformat(),
                      "ends_at": paris(day, end).isoformat()})
            free = all(end <= s or e <= start for s, e in model.values())
            assert response.status_code == (201 if free else 409), response.text
            if free:
                model[response.json()["booking_id"]] = (start, end)
                made.append((response.json()["booking_id"], who))
        elif made:
            booking_id, owner = made[a % len(made)]
            response = await service.client.delete(f"/api/bookings/{booking_id}",
                                                   headers=service.solo(member))
            assert response.status_code == (204 if owner == who else 403)
            if owner == who:
                model.pop(booking_id, None)

    async with service.app.state.pool.acquire() as conn:
        assert await conn.fetchval(OVERLAPPING_ACTIVE) == 0
        active = await conn.fetch("SELECT id, starts_at, ends_at FROM bookings WHERE "
                                  "resource_id = $1 AND status = 'booked'", room)
    assert {str(r["id"]) for r in active} == set(model)
    for row in active:
        start, end = model[str(row["id"])]
        assert row["ends_at"] - row["starts_at"] == timedelta(hours=end - start)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(batches=st.lists(st.lists(book, min_size=1, max_size=8), min_size=1, max_size=3))
async def test_concurrent_batches_never_leave_two_overlapping_active_rows(
        service, room_world, batches):
    service.app.state.settings.weekly_quota_hours = 10_000
    room = await new_desk(service, room_world["place"])
    day = room_world["day"]
    made: list[tuple[str, int]] = []
    for batch in batches:
        requests = [service.client.post(
            "/api/bookings", headers=service.solo(room_world["members"][who]),
            json={"desk_id": str(room), "starts_at": paris(day, start).isoformat(),
                  "ends_at": paris(day, min(start + length, CLOSES)).isoformat()})
            for _, start, length, who in batch]
        if made:  # cancel the oldest booking while the batch races
            booking_id, owner = made.pop(0)
            requests.append(service.client.delete(
                f"/api/bookings/{booking_id}", headers=service.solo(room_world["members"][owner])))
        responses = await asyncio.gather(*requests)
        assert all(r.status_code in (201, 204, 409) for r in responses), \
            [r.text for r in responses]
        made += [(r.json()["booking_id"], who) for r, (*_, who) in zip(responses, batch)
                 if r.status_code == 201]
    async with service.app.state.pool.acquire() as conn:
        assert await conn.fetchval(OVERLAPPING_ACTIVE) == 0
