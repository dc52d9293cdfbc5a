"""The catalogue, free slots, staff setup, the demo seed, and calendars over HTTP."""

import asyncio
import uuid
from datetime import UTC, timedelta

from icalendar import Calendar

from services.bookings.app import SERVICE
from shared.db import connect
from shared.migrations import apply_migrations

from .support import (bookable_day, new_desk, new_members, new_place, next_dst_sundays, paris,
                      utc)


async def test_the_demo_seed_loads_ten_places_once_and_only_on_an_empty_database(database_url):
    schema = f"t_bookings_{uuid.uuid4().hex[:8]}"  # this service's tables, empty
    await asyncio.to_thread(apply_migrations, database_url, schema, SERVICE.migrations_dir)
    conn = await connect(database_url, schema)
    try:
        async with conn.transaction():
            assert "10 demo places" in await SERVICE.seed(conn)
        rows = await conn.fetch("SELECT kind, name, demo FROM places")
        assert sorted(r["kind"] for r in rows) == ["coworking"] * 2 + ["telecentre"] * 8
        assert all(r["demo"] and r["name"].endswith("(démo)") for r in rows)
        assert await conn.fetchval("SELECT count(*) FROM resources") == 8 * 6 + 2 * 12
        assert await SERVICE.seed(conn) == "places already loaded"
        assert await conn.fetchval("SELECT count(*) FROM places") == 10
    finally:
        await conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
        await conn.close()


async def test_the_catalogue_lists_places_with_desks_hours_and_closures(service):
    place = await new_place(service, week=[{"weekday": 0, "opens": "09:00", "closes": "17:00"}])
    desk = await new_desk(service, place, kind="private_office", mode="day")
    day = bookable_day(5)
    await service.client.put(f"/api/telecentres/{place}/closures/{day}",
                             json={"reason": "Inventaire"}, headers=service.staff())
    listed = await service.client.get("/api/telecentres", headers=service.committee("32107"))
    [found] = [p for p in listed.json() if p["id"] == str(place)]
    assert found["commune"] == {"insee_code": "32107", "name": "Condom"}
    assert found["timezone"] == "Europe/Paris" and found["demo"] is False
    assert found["opening_hours"] == [{"weekday": 0, "day": "monday", "opens": "09:00:00",
                                       "closes": "17:00:00"}]
    assert [d["id"] for d in found["desks"]] == [str(desk)]
    assert {"day": day.isoformat(), "reason": "Inventaire", "public_holiday": False} \
        in found["upcoming_closures"]
    one = await service.client.get(f"/api/telecentres/{place}", headers=service.staff())
    assert one.json() == found
    missing = await service.client.get(f"/api/telecentres/{uuid.uuid4()}", headers=service.staff())
    assert missing.status_code == 404


async def test_staff_set_booking_modes_within_what_each_kind_allows(service):
    place = await new_place(service)
    desk = await new_desk(service, place, kind="hot_desk", mode="half_day")
    changed = await service.client.patch(f"/api/desks/{desk}", json={"booking_mode": "day"},
                                         headers=service.staff())
    assert changed.status_code == 200 and changed.json()["booking_mode"] == "day"
    refused = await service.client.patch(f"/api/desks/{desk}", json={"booking_mode": "hour"},
                                         headers=service.staff())
    assert refused.status_code == 422
    room = await service.client.post(
        f"/api/telecentres/{place}/desks", headers=service.staff(),
        json={"kind": "meeting_room", "name": "Salle", "capacity": 10, "booking_mode": "day"})
    assert room.status_code == 422


async def test_free_slots_per_place_and_day(service, amqp_url):
    [member] = await new_members(service, amqp_url)
    place = await new_place(service)
    room = await new_desk(service, place)
    desk = await new_desk(service, place, kind="hot_desk", mode="half_day")
    day = bookable_day(18)
    booked = await service.client.post(
        "/api/bookings", headers=service.solo(member),
        json={"desk_id": str(room), "starts_at": paris(day, 10).isoformat(),
              "ends_at": paris(day, 12).isoformat()})
    assert booked.status_code == 201
    response = await service.client.get(f"/api/telecentres/{place}/availability",
                                        params={"date": day.isoformat()},
                                        headers=service.solo(member))
    assert response.status_code == 200
    by_desk = {d["desk_id"]: d["free_slots"] for d in response.json()["desks"]}
    hours = [paris(day, h).isoformat() for h in (8, 9, 12, 13, 14, 15, 16, 17, 18, 19)]
    assert [s["starts_at"] for s in by_desk[str(room)]] == hours
    assert [s["starts_at"] for s in by_desk[str(desk)]] == [paris(day, 8).isoformat(),
                                                            paris(day, 13).isoformat()]
    mine = await service.client.get("/api/me/bookings", headers=service.solo(member))
    assert [b["booking_id"] for b in mine.json()] == [booked.json()["booking_id"]]


async def test_calendar_feed_and_event_across_both_dst_changes(service, amqp_url):
    [member] = await new_members(service, amqp_url)
    place = await new_place(service)
    desk = await new_desk(service, place, kind="hot_desk", mode="half_day")
    spring, autumn = next_dst_sundays(bookable_day(0))
    ids = []
    for day in (spring, autumn):
        service.app.state.clock = lambda day=day: paris(day, 0) - timedelta(days=3)
        response = await service.client.post(
            "/api/bookings", headers=service.solo(member),
            json={"desk_id": str(desk), "starts_at": paris(day, 8).isoformat(),
                  "ends_at": paris(day, 13).isoformat()})
        assert response.status_code == 201, response.text
        ids.append(response.json()["booking_id"])
        single = await service.client.get(response.json()["calendar_url"],
                                          headers=service.solo(member))
        assert single.status_code == 200
        assert single.headers["content-type"].startswith("text/calendar")
        assert f"DTSTART;TZID=Europe/Paris:{day:%Y%m%d}T080000" in single.text
    # 08:00 Paris is 06:00 UTC after clocks go forward, 07:00 UTC after they go back.
    assert utc(paris(spring, 8)).hour == 6 and utc(paris(autumn, 8)).hour == 7

    me = await service.client.get("/api/me", headers=service.solo(member))
    feed_url = me.json()["calendar_feed_url"]
    feed = await service.client.get(feed_url)  # no bearer token: the URL is the secret
    assert feed.status_code == 200
    calendar = Calendar.from_ical(feed.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    starts = {str(e["UID"]).split("@")[0]: e.decoded("DTSTART").astimezone(UTC)
              for e in calendar.walk("VEVENT")}
    assert starts == {ids[0]: utc(paris(spring, 8)), ids[1]: utc(paris(autumn, 8))}

    rotated = await service.client.post("/api/me/calendar-feed", headers=service.solo(member))
    assert rotated.json()["calendar_feed_url"] != feed_url
    assert (await service.client.get(feed_url)).status_code == 404
    assert (await service.client.get(rotated.json()["calendar_feed_url"])).status_code == 200
