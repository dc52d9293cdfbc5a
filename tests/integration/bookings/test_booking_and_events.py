"""Booking and cancelling through the real app, events seen by an outside listener."""

import uuid
from datetime import datetime

from tests.support.waiting import wait_for

from .support import (bookable_day, member_count, new_desk, new_members, new_place, paris,
                      publish, solo_installed, utc)


async def test_solo_installed_consumed_twice_makes_one_member(service, amqp_url):
    event = solo_installed()
    again_later = solo_installed(member_id=event.data.member_id,
                                 prospect_id=event.data.prospect_id)  # re-sent with a new id
    await publish(amqp_url, event, event, again_later)
    member = event.data.member_id
    await wait_for(lambda: _handled(service, {event.id, again_later.id}), message="handled")
    assert await member_count(service, [member]) == 1
    me = await service.client.get("/api/me", headers=service.solo(member))
    assert me.status_code == 200
    assert me.json()["village"] == {"insee_code": "32208", "name": "Lectoure"}


async def _handled(service, ids) -> bool:
    async with service.app.state.pool.acquire() as conn:
        return await conn.fetchval("SELECT count(*) FROM inbox WHERE event_id = ANY($1)",
                                   list(ids)) == len(ids)


async def test_a_booking_publishes_desk_booked_and_its_cancellation_booking_cancelled(
        service, amqp_url, listener):
    [member] = await new_members(service, amqp_url)
    place = await new_place(service)
    desk = await new_desk(service, place, kind="hot_desk", mode="half_day")
    day = bookable_day()
    start, end = paris(day, 8), paris(day, 13)
    response = await service.client.post(
        "/api/bookings", headers=service.solo(member),
        json={"desk_id": str(desk), "starts_at": start.isoformat(), "ends_at": end.isoformat()})
    assert response.status_code == 201, response.text
    booking_id = response.json()["booking_id"]
    assert response.json()["starts_at"] == start.isoformat()

    booked = await wait_for(lambda: _events(listener, "desk.booked", booking_id))
    data = booked[0].body["data"]
    assert data["member_id"] == str(member) and data["desk_id"] == str(desk)
    assert data["telecentre_id"] == str(place)
    assert _instant(data["starts_at"]) == utc(start) and _instant(data["ends_at"]) == utc(end)
    assert booked[0].body["source"] == "/soho/bookings"

    deleted = await service.client.delete(f"/api/bookings/{booking_id}",
                                          headers=service.solo(member))
    assert deleted.status_code == 204
    [cancelled] = await wait_for(lambda: _events(listener, "booking.cancelled", booking_id))
    assert cancelled.body["data"]["reason"] == "member"
    assert cancelled.body["data"]["member_id"] == str(member)

    # Cancelling again changes nothing and publishes nothing more; the slot is free again.
    again = await service.client.delete(f"/api/bookings/{booking_id}", headers=service.staff())
    assert again.status_code == 204
    rebook = await service.client.post(
        "/api/bookings", headers=service.solo(member),
        json={"desk_id": str(desk), "starts_at": start.isoformat(), "ends_at": end.isoformat()})
    assert rebook.status_code == 201
    await wait_for(lambda: _events(listener, "desk.booked", rebook.json()["booking_id"]))
    assert len(_events(listener, "booking.cancelled", booking_id)) == 1


async def test_desk_booked_names_the_telecentre_and_the_desk(service, amqp_url, listener):
    """The notifications service names both in the booking confirmation email, and in the
    cancellation email."""
    [member] = await new_members(service, amqp_url)
    place_name = f"Télécentre de Lectoure {uuid.uuid4().hex[:8]}"
    place = await new_place(service, name=place_name)
    desk = await new_desk(service, place, kind="private_office", mode="day",
                          name="Bureau côté jardin")
    day = bookable_day(14)
    response = await service.client.post(
        "/api/bookings", headers=service.solo(member),
        json={"desk_id": str(desk), "starts_at": paris(day, 8).isoformat(),
              "ends_at": paris(day, 20).isoformat()})
    assert response.status_code == 201, response.text

    [booked] = await wait_for(lambda: _events(listener, "desk.booked",
                                              response.json()["booking_id"]))
    data = booked.body["data"]
    assert data["telecentre_name"] == place_name
    assert data["desk_name"] == "Bureau côté jardin"
    assert data["telecentre_id"] == str(place) and data["desk_id"] == str(desk)

    # The cancellation names them too (its email says what was freed).
    booking_id = response.json()["booking_id"]
    cancelled = await service.client.delete(f"/api/bookings/{booking_id}",
                                            headers=service.solo(member))
    assert cancelled.status_code == 204, cancelled.text
    [event] = await wait_for(lambda: _events(listener, "booking.cancelled", booking_id))
    assert {k: event.body["data"].get(k) for k in ("telecentre_name", "desk_name",
                                                     "resource_kind")} == {
        "telecentre_name": place_name, "desk_name": "Bureau côté jardin",
        "resource_kind": "private_office"}


def _events(listener, event_type: str, booking_id: str):
    return [r for r in listener.received
            if r.routing_key == event_type and r.body["data"]["booking_id"] == booking_id]


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


async def test_staff_cancel_any_booking(service, amqp_url, listener):
    [member] = await new_members(service, amqp_url)
    desk = await new_desk(service, await new_place(service))
    day = bookable_day(12)
    created = await service.client.post(
        "/api/bookings", headers=service.solo(member),
        json={"desk_id": str(desk), "starts_at": paris(day, 9).isoformat(),
              "ends_at": paris(day, 10).isoformat()})
    booking_id = created.json()["booking_id"]
    response = await service.client.delete(f"/api/bookings/{booking_id}", headers=service.staff())
    assert response.status_code == 204
    [event] = await wait_for(lambda: _events(listener, "booking.cancelled", booking_id))
    assert event.body["data"]["reason"] == "staff"
    got = await service.client.get(f"/api/bookings/{booking_id}", headers=service.solo(member))
    assert got.json()["status"] == "cancelled" and got.json()["release_reason"] == "staff"


async def test_an_unknown_booking_is_404(service):
    response = await service.client.delete(f"/api/bookings/{uuid.uuid4()}",
                                           headers=service.staff())
    assert response.status_code == 404
