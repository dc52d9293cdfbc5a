"""prospect.erased: the person's bookings are anonymised, occupancy counts survive."""

from datetime import timedelta

from tests.support.waiting import wait_for

from .support import (bookable_day, new_desk, new_place, paris, prospect_erased, publish,
                      solo_installed)


async def test_erasure_cuts_the_member_link_and_keeps_the_counts(service, amqp_url, listener):
    installed = solo_installed()
    member, prospect = installed.data.member_id, installed.data.prospect_id
    await publish(amqp_url, installed)
    place = await new_place(service)
    desk = await new_desk(service, place)
    day = bookable_day(33)
    await wait_for(lambda: _member_known(service, member))

    # One booking already over (checked in) and one still to come.
    service.app.state.clock = lambda: paris(day, 8)
    ids = []
    for hour in (9, 15):
        response = await service.client.post(
            "/api/bookings", headers=service.solo(member),
            json={"desk_id": str(desk), "starts_at": paris(day, hour).isoformat(),
                  "ends_at": paris(day, hour + 1).isoformat()})
        assert response.status_code == 201
        ids.append(response.json()["booking_id"])
    service.app.state.clock = lambda: paris(day, 9, 5)
    await service.client.post(f"/api/bookings/{ids[0]}/check-in", headers=service.solo(member))

    # The erasure arrives while the first booking is over and the second still to come
    # (the handler reads the real clock: move the second booking's day after it).
    async with service.app.state.pool.acquire() as conn:
        await conn.execute("UPDATE bookings SET starts_at = starts_at - interval '60 days', "
                           "ends_at = ends_at - interval '60 days' WHERE id = $1", ids[0])
    before = await _occupancy(service, place, day)
    await publish(amqp_url, prospect_erased(prospect))
    await wait_for(lambda: _member_gone(service, member), message="member forgotten")

    async with service.app.state.pool.acquire() as conn:
        rows = await conn.fetch("SELECT id::text, member_id, status, release_reason, "
                                "anonymised_at FROM bookings WHERE id = ANY($1::uuid[]) "
                                "ORDER BY starts_at", ids)
    assert all(r["member_id"] is None and r["anonymised_at"] is not None for r in rows)
    assert [r["status"] for r in rows] == ["checked_in", "cancelled"]
    assert rows[1]["release_reason"] == "erasure"
    [event] = await wait_for(lambda: [r for r in listener.received
                                      if r.routing_key == "booking.cancelled"
                                      and r.body["data"]["booking_id"] == ids[1]])
    assert event.body["data"]["reason"] == "erasure"

    past_day = day - timedelta(days=60)
    past = await _occupancy(service, place, past_day)
    assert past["checked_in"] == 1 and past["anonymised"] == 1
    assert past["desks"][0]["bookings"][0]["member_id"] is None
    after = await _occupancy(service, place, day)
    assert after["active"] == before["active"] - 1 and after["cancelled"] == 1

    # The erased person's token no longer books; a late solo.installed does not bring them back.
    assert (await service.client.get("/api/me", headers=service.solo(member))).status_code == 403
    late = solo_installed(member_id=member, prospect_id=prospect)
    await publish(amqp_url, late)
    await wait_for(lambda: _handled(service, late.id))
    assert not await _member_known(service, member)


async def _member_known(service, member) -> bool:
    async with service.app.state.pool.acquire() as conn:
        return bool(await conn.fetchval("SELECT 1 FROM members WHERE member_id = $1", member))


async def _member_gone(service, member) -> bool:
    return not await _member_known(service, member)


async def _handled(service, event_id) -> bool:
    async with service.app.state.pool.acquire() as conn:
        return bool(await conn.fetchval("SELECT 1 FROM inbox WHERE event_id = $1", event_id))


async def _occupancy(service, place, day) -> dict:
    response = await service.client.get(f"/api/telecentres/{place}/occupancy",
                                        params={"date": day.isoformat()}, headers=service.staff())
    assert response.status_code == 200, response.text
    return response.json()
