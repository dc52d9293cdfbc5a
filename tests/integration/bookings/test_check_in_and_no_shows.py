"""Check-in within the booking's window; no-shows released by the periodic job's use case
(with an injected clock), the slot free again, and counted per member.

The sweep releases every booking of the test database past its deadline, so these bookings
are the soonest of all the bookings tests (two and three days ahead): sweeping just past
them touches nobody else's."""

import asyncio
from datetime import datetime, timedelta

import pytest

from services.bookings.app import SERVICE
from services.bookings.use_cases.no_shows import release_no_shows
from shared.reference.calendar import PARIS
from tests.support.waiting import wait_for

from .support import bookable_day, new_desk, new_members, new_place, paris

GRACE = timedelta(minutes=30)


@pytest.fixture(scope="module")
async def world(service, amqp_url):
    place = await new_place(service)
    return {"members": await new_members(service, amqp_url, 2),
            "desk": await new_desk(service, place, kind="hot_desk", mode="half_day"),
            "day": bookable_day(2)}


async def book_morning(service, world, member, day=None):
    day = day or world["day"]
    service.app.state.clock = lambda: paris(day, 8) - timedelta(days=2)
    response = await service.client.post(
        "/api/bookings", headers=service.solo(member),
        json={"desk_id": str(world["desk"]), "starts_at": paris(day, 8).isoformat(),
              "ends_at": paris(day, 13).isoformat()})
    assert response.status_code == 201, response.text
    return response.json()["booking_id"]


async def test_check_in_only_within_the_window(service, world):
    member = world["members"][0]
    booking = await book_morning(service, world, member)
    path = f"/api/bookings/{booking}/check-in"
    day = world["day"]
    service.app.state.clock = lambda: paris(day, 7, 30)
    early = await service.client.post(path, headers=service.solo(member))
    assert early.status_code == 422 and early.json()["detail"][0]["rule"] == "check_in_window"
    service.app.state.clock = lambda: paris(day, 7, 50)  # 10 minutes before: open
    done = await service.client.post(path, headers=service.solo(member))
    assert done.status_code == 200 and done.json()["status"] == "checked_in"
    again = await service.client.post(path, headers=service.solo(member))
    assert again.status_code == 200  # idempotent
    # A checked-in booking is no no-show.
    await release_no_shows(service.app.state.pool, paris(day, 12), GRACE)
    assert (await service.client.get(f"/api/bookings/{booking}", headers=service.solo(
        member))).json()["status"] == "checked_in"
    # Cancel it for the next test's sake (the member leaves early).
    service.app.state.clock = lambda: paris(day, 11)
    assert (await service.client.delete(f"/api/bookings/{booking}",
                                        headers=service.solo(member))).status_code == 204


async def test_a_no_show_is_released_the_slot_freed_and_counted(service, world, listener):
    member, other = world["members"]
    day = bookable_day((world["day"] - datetime.now(PARIS).date()).days + 1)  # the day after
    booking = await book_morning(service, world, member, day)
    pool = service.app.state.pool
    await release_no_shows(pool, paris(day, 8) + GRACE - timedelta(seconds=1), GRACE)
    assert await _status(service, booking, member) == "booked"  # not yet
    [job] = SERVICE.periodic  # as the service runs it, on the real clock: days too early
    await job.run(pool, service.app.state.settings)
    assert await _status(service, booking, member) == "booked"
    # Two sweepers at once (two copies of the service): the booking is released once.
    await asyncio.gather(*[release_no_shows(pool, paris(day, 8) + GRACE, GRACE)
                           for _ in range(2)])
    got = await service.client.get(f"/api/bookings/{booking}", headers=service.solo(member))
    assert got.json()["status"] == "no_show" and got.json()["release_reason"] == "no_show"
    events = await wait_for(lambda: [r for r in listener.received
                                     if r.routing_key == "booking.cancelled"
                                     and r.body["data"]["booking_id"] == booking])
    assert events[0].body["data"]["reason"] == "no_show"
    async with pool.acquire() as conn:
        assert await conn.fetchval("SELECT count(*) FROM outbox WHERE subject = $1 AND "
                                   "type = 'booking.cancelled'", booking) == 1

    me = await service.client.get("/api/me", headers=service.solo(member))
    assert me.json()["no_shows"] == 1
    listed = await service.client.get("/api/members", headers=service.staff())
    [row] = [m for m in listed.json() if m["member_id"] == str(member)]
    assert row["no_shows"] == 1

    # The slot is free again (seen from a clock before it), for another member.
    service.app.state.clock = lambda: paris(day, 7)
    retaken = await service.client.post(
        "/api/bookings", headers=service.solo(other),
        json={"desk_id": str(world["desk"]), "starts_at": paris(day, 8).isoformat(),
              "ends_at": paris(day, 13).isoformat()})
    assert retaken.status_code == 201, retaken.text
    late = await service.client.post(f"/api/bookings/{booking}/check-in",
                                     headers=service.solo(member))
    assert late.status_code == 409


async def _status(service, booking: str, member) -> str:
    response = await service.client.get(f"/api/bookings/{booking}", headers=service.solo(member))
    return response.json()["status"]
