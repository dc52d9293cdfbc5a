"""The database, not Python, forbids double bookings: 200 members race for one slot."""

import asyncio

import asyncpg
import pytest

from .support import bookable_day, new_desk, new_members, new_place, paris, utc

RACERS = 200


async def test_200_concurrent_requests_for_one_slot_give_one_201_and_199_409s(
        service, amqp_url):
    members = await new_members(service, amqp_url, RACERS)
    desk = await new_desk(service, await new_place(service), kind="hot_desk", mode="half_day")
    day = bookable_day(20)
    body = {"desk_id": str(desk), "starts_at": paris(day, 13).isoformat(),
            "ends_at": paris(day, 20).isoformat()}

    responses = await asyncio.gather(*[
        service.client.post("/api/bookings", json=body, headers=service.solo(member))
        for member in members])

    statuses = sorted(r.status_code for r in responses)
    assert statuses.count(201) == 1 and statuses.count(409) == RACERS - 1, statuses
    [winner] = [r for r in responses if r.status_code == 201]
    async with service.app.state.pool.acquire() as conn:
        rows = await conn.fetch("SELECT id, member_id, starts_at, ends_at FROM bookings "
                                "WHERE resource_id = $1", desk)
    assert [str(r["id"]) for r in rows] == [winner.json()["booking_id"]]
    assert rows[0]["starts_at"] == utc(paris(day, 13)) and rows[0]["member_id"] in members


async def test_the_table_itself_refuses_overlapping_active_bookings(service, amqp_url):
    """No application code involved: plain INSERTs against the exclusion constraint."""
    [member] = await new_members(service, amqp_url)
    desk = await new_desk(service, await new_place(service))
    day = bookable_day(21)
    insert = ("INSERT INTO bookings (id, resource_id, member_id, starts_at, ends_at, status) "
              "VALUES (gen_random_uuid(), $1, $2, $3, $4, $5)")
    async with service.app.state.pool.acquire() as conn:
        await conn.execute(insert, desk, member, paris(day, 9), paris(day, 11), "booked")
        with pytest.raises(asyncpg.ExclusionViolationError):
            await conn.execute(insert, desk, member, paris(day, 10), paris(day, 12), "checked_in")
        # Released bookings do not hold the slot; touching ranges do not overlap.
        await conn.execute(insert, desk, member, paris(day, 10), paris(day, 12), "cancelled")
        await conn.execute(insert, desk, member, paris(day, 10), paris(day, 12), "no_show")
        await conn.execute(insert, desk, member, paris(day, 11), paris(day, 12), "booked")
        with pytest.raises(asyncpg.ExclusionViolationError):
            await conn.execute("UPDATE bookings SET status = 'booked' WHERE resource_id = $1 "
                               "AND status = 'cancelled'", desk)
