"""Repeat bookings (the same slot every week for N weeks: each occurrence booked through the
booking use case, those that cannot be had listed with why) and the waiting list (any
resource of a kind at a place for a slot, served in the very transaction that cancels or
releases a booking), through the JSON API and the members' pages."""

import asyncio
import uuid
from datetime import timedelta

import pytest

from services.bookings.domain.holidays import public_holiday
from services.bookings.domain.occupancy import iso_week
from services.bookings.use_cases import waiting_list
from services.bookings.use_cases.no_shows import release_no_shows
from shared.auth import Role
from tests.support.waiting import wait_for

from .staff_pages import CSRF, identity, text
from .support import (bookable_day, new_desk, new_members, new_place, paris, prospect_erased,
                      publish, solo_installed, utc)

GRACE = timedelta(minutes=30)


@pytest.fixture(autouse=True)
def no_cookies_kept(service):
    service.client.cookies.clear()
    yield
    service.client.cookies.clear()


def weekly_days(days_ahead: int, weeks: int):
    """A day `days_ahead` or later whose `weeks` weekly repeats hold no public holiday."""
    day = bookable_day(days_ahead)
    while any(public_holiday(day + timedelta(weeks=n)) for n in range(weeks)):
        day += timedelta(days=1)
    return [day + timedelta(weeks=n) for n in range(weeks)]


async def a_place(service, desks=1, kind="hot_desk", mode="half_day"):
    place = await new_place(service, name=f"Télécentre de Condom {uuid.uuid4().hex[:4]}")
    return place, [await new_desk(service, place, kind=kind, mode=mode, name=f"Poste {n + 1}")
                   for n in range(desks)]


def morning(desk, day) -> dict:
    return {"desk_id": str(desk), "starts_at": paris(day, 8).isoformat(),
            "ends_at": paris(day, 13).isoformat()}


async def book(service, member, desk, day) -> str:
    answer = await service.client.post("/api/bookings", json=morning(desk, day),
                                       headers=service.solo(member))
    assert answer.status_code == 201, answer.text
    return answer.json()["booking_id"]


async def fetch(service, query, *args):
    async with service.app.state.pool.acquire() as conn:
        return await conn.fetch(query, *args)


async def desk_booked_events(service, booking_ids) -> int:
    [row] = await fetch(service, "SELECT count(*) AS n FROM outbox WHERE type = 'desk.booked' "
                                 "AND subject = ANY($1::text[])", [str(b) for b in booking_ids])
    return row["n"]


# --- repeat bookings ----------------------------------------------------------------------

async def test_a_repeat_books_the_weeks_it_can_and_lists_the_others_with_why(
        service, amqp_url):
    member, other = await new_members(service, amqp_url, 2)
    place, [desk] = await a_place(service)
    days = weekly_days(8, 5)
    await book(service, other, desk, days[1])  # week 2 taken
    closed = await service.client.put(f"/api/telecentres/{place}/closures/{days[2]}",
                                      json={"reason": "Travaux"}, headers=service.staff())
    assert closed.status_code == 200, closed.text
    service.app.state.settings.weekly_quota_hours = 10
    monday = days[3] - timedelta(days=days[3].weekday())
    same_week = [d for d in (monday + timedelta(days=n) for n in range(7))
                 if d != days[3] and not public_holiday(d)]
    for other_day in same_week[:2]:  # 10 hours that week already: the quota is reached
        await book(service, member, desk, other_day)

    answer = await service.client.post("/api/bookings/repeat", headers=service.solo(member),
                                       json={**morning(desk, days[0]), "weeks": 5})
    assert answer.status_code == 200, answer.text
    result = answer.json()
    booked = {b["starts_at"][:10]: b for b in result["booked"]}
    assert sorted(booked) == [str(days[0]), str(days[4])]
    assert {n["starts_at"][:10]: n["reason"] for n in result["not_booked"]} == {
        str(days[1]): "taken", str(days[2]): "closure", str(days[3]): "weekly_quota"}
    assert all(n["msg"] and n["msg_fr"] for n in result["not_booked"])
    rows = await fetch(service, "SELECT id, starts_at, ends_at FROM bookings WHERE member_id = "
                                "$1 AND starts_at = ANY($2::timestamptz[]) ORDER BY starts_at",
                       member, [utc(paris(d, 8)) for d in days])
    assert [r["starts_at"] for r in rows] == [utc(paris(days[0], 8)), utc(paris(days[4], 8))]
    assert all(r["ends_at"] - r["starts_at"] == timedelta(hours=5) for r in rows)
    assert await desk_booked_events(service, [r["id"] for r in rows]) == 2


async def test_a_repeat_beyond_the_booking_horizon_says_so(service, amqp_url):
    [member] = await new_members(service, amqp_url)
    place, [desk] = await a_place(service, kind="meeting_room", mode="hour")
    days = weekly_days(40, 4)  # the weeks past 60 days ahead are not open yet
    body = {"desk_id": str(desk), "starts_at": paris(days[0], 10).isoformat(),
            "ends_at": paris(days[0], 11).isoformat(), "weeks": 4}
    answer = await service.client.post("/api/bookings/repeat", json=body,
                                       headers=service.solo(member))
    assert answer.status_code == 200
    reasons = [n["reason"] for n in answer.json()["not_booked"]]
    assert reasons and set(reasons) == {"too_far_ahead"}
    assert len(answer.json()["booked"]) + len(reasons) == 4


@pytest.mark.parametrize("change, field", [
    ({"weeks": 1}, "weeks"), ({"weeks": 13}, "weeks"), ({"weeks": "huit"}, "weeks"),
    ({"weeks": None}, "weeks"), ({"desk_id": "x"}, "desk_id"),
    ({"starts_at": "mardi"}, "starts_at"), ({"desk_id": str(uuid.uuid4())}, "desk_id")])
async def test_bad_repeat_input_is_a_422_naming_the_field(service, amqp_url, change, field):
    [member] = await new_members(service, amqp_url)
    place, [desk] = await a_place(service)
    body = {**morning(desk, bookable_day(9)), "weeks": 3, **change}
    body = {k: v for k, v in body.items() if v is not None}
    answer = await service.client.post("/api/bookings/repeat", json=body,
                                       headers=service.solo(member))
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"][0]["loc"][-1] == field
    assert not await fetch(service, "SELECT 1 FROM bookings WHERE resource_id = $1", desk)


async def test_concurrent_repeats_never_double_book(service, amqp_url):
    racers = await new_members(service, amqp_url, 6)
    place, [desk] = await a_place(service)
    days = weekly_days(15, 4)
    answers = await asyncio.gather(*[
        service.client.post("/api/bookings/repeat", json={**morning(desk, days[0]), "weeks": 4},
                            headers=service.solo(m)) for m in racers])
    assert all(a.status_code == 200 for a in answers), [a.text for a in answers]
    won = [b["starts_at"][:10] for a in answers for b in a.json()["booked"]]
    assert sorted(won) == [str(d) for d in days]  # each week booked once, by someone
    lost = [n["reason"] for a in answers for n in a.json()["not_booked"]]
    assert len(lost) == 6 * 4 - 4 and set(lost) == {"taken"}
    rows = await fetch(service, "SELECT starts_at FROM bookings WHERE resource_id = $1 "
                                "AND status = 'booked'", desk)
    assert len(rows) == 4


# --- the waiting list ---------------------------------------------------------------------

def wanted(place, day, kind="hot_desk", start=8, end=13) -> dict:
    return {"telecentre_id": str(place), "kind": kind,
            "starts_at": paris(day, start).isoformat(), "ends_at": paris(day, end).isoformat()}


async def join(service, member, body, status=201):
    answer = await service.client.post("/api/waiting-list", json=body,
                                       headers=service.solo(member))
    assert answer.status_code == status, answer.text
    return answer.json()


async def entries_of(service, member) -> list[dict]:
    answer = await service.client.get("/api/me/waiting-list", headers=service.solo(member))
    assert answer.status_code == 200
    return answer.json()


async def bookings_of(service, member, desk_ids) -> list:
    return await fetch(service, "SELECT id, resource_id, starts_at, ends_at, status FROM "
                                "bookings WHERE member_id = $1 AND resource_id = ANY($2) "
                                "AND status IN ('booked', 'checked_in')", member, desk_ids)


async def test_a_cancellation_books_the_first_in_line_in_the_same_transaction(
        service, amqp_url, listener):
    holder, first, second = await new_members(service, amqp_url, 3)
    place, [desk] = await a_place(service)
    day = bookable_day(16)
    booking = await book(service, holder, desk, day)
    entry = await join(service, first, wanted(place, day))
    assert entry["position"] == 1 and entry["telecentre_id"] == str(place)
    assert (await join(service, second, wanted(place, day)))["position"] == 2
    again = await join(service, first, wanted(place, day), status=409)  # never twice in line
    assert "already" in again["detail"][0]["msg"]
    await join(service, first, wanted(place, day, start=13, end=20), status=409)  # free: book
    past = await join(service, first, wanted(place, bookable_day(0) - timedelta(days=2)), 422)
    assert past["detail"][0]["rule"] == "in_the_past"
    await join(service, first, wanted(place, day, kind="meeting_room"), status=422)  # none here
    await join(service, first, {**wanted(place, day), "kind": "sofa"}, status=422)

    cancelled = await service.client.delete(f"/api/bookings/{booking}",
                                            headers=service.solo(holder))
    assert cancelled.status_code == 204
    [served] = await bookings_of(service, first, [desk])
    assert served["starts_at"] == utc(paris(day, 8)) and served["ends_at"] == utc(paris(day, 13))
    assert await entries_of(service, first) == []
    [still] = await entries_of(service, second)
    assert still["position"] == 1
    assert await desk_booked_events(service, [served["id"]]) == 1
    await wait_for(lambda: [r for r in listener.received if r.routing_key == "desk.booked"
                            and r.body["data"]["booking_id"] == str(served["id"])])
    # Cancelling again changes nothing: nobody else is served.
    again = await service.client.delete(f"/api/bookings/{booking}", headers=service.solo(holder))
    assert again.status_code == 204
    assert await bookings_of(service, second, [desk]) == []
    # The first served cancels in turn: the second in line gets it.
    assert (await service.client.delete(f"/api/bookings/{served['id']}",
                                        headers=service.solo(first))).status_code == 204
    assert len(await bookings_of(service, second, [desk])) == 1
    assert await entries_of(service, second) == []


async def test_any_desk_of_the_kind_serves_the_line(service, amqp_url):
    holder, other_holder, waiting = await new_members(service, amqp_url, 3)
    place, desks = await a_place(service, desks=2)
    day = bookable_day(17)
    await book(service, holder, desks[0], day)
    second = await book(service, other_holder, desks[1], day)
    await join(service, waiting, wanted(place, day))
    assert (await service.client.delete(f"/api/bookings/{second}",
                                        headers=service.staff())).status_code == 204
    [served] = await bookings_of(service, waiting, desks)
    assert served["resource_id"] == desks[1]


async def test_a_no_show_release_serves_the_line_from_that_minute(service, amqp_url):
    """The soonest bookings of this module (tomorrow): the sweep only reaches those."""
    holder, waiting = await new_members(service, amqp_url, 2)
    place, [desk] = await a_place(service)
    day = bookable_day(1)
    service.app.state.clock = lambda: paris(day, 7)
    booking = await book(service, holder, desk, day)
    await join(service, waiting, wanted(place, day))
    # The sweep as the periodic job runs it, its clock 30 minutes into that morning.
    released_at = paris(day, 8) + GRACE
    await release_no_shows(service.app.state.pool, released_at, GRACE)
    [row] = await fetch(service, "SELECT status FROM bookings WHERE id = $1", uuid.UUID(booking))
    assert row["status"] == "no_show"
    [served] = await bookings_of(service, waiting, [desk])
    assert served["starts_at"] == utc(released_at) and served["ends_at"] == utc(paris(day, 13))
    assert await desk_booked_events(service, [served["id"]]) == 1
    assert await entries_of(service, waiting) == []
    # A second sweep at once serves nobody twice and does not release the new booking yet.
    await release_no_shows(service.app.state.pool, released_at, GRACE)
    assert len(await bookings_of(service, waiting, [desk])) == 1


async def test_a_cancellation_racing_bookers_of_that_slot_never_double_books(
        service, amqp_url):
    """The member cancelling, those in line served in that transaction and twelve others
    booking the freed slot at the same moment: one booking at most holds the desk, nobody
    gets a 500 (a booker holding the desk makes the serving give up on it, not deadlock)."""
    holder, *others = await new_members(service, amqp_url, 15)
    waiting, racers = others[:2], others[2:]
    place, [desk] = await a_place(service)
    day = bookable_day(20)
    booking = await book(service, holder, desk, day)
    for member in waiting:
        await join(service, member, wanted(place, day))
    answers = await asyncio.gather(
        service.client.delete(f"/api/bookings/{booking}", headers=service.solo(holder)),
        *[service.client.post("/api/bookings", json=morning(desk, day),
                              headers=service.solo(m)) for m in racers])
    assert answers[0].status_code == 204
    assert sorted({a.status_code for a in answers[1:]}) in ([201, 409], [409]), \
        [a.text for a in answers if a.status_code >= 500]
    rows = await fetch(service, "SELECT member_id FROM bookings WHERE resource_id = $1 "
                                "AND status = 'booked'", desk)
    assert len(rows) == 1
    booked_by_racer = [a for a in answers[1:] if a.status_code == 201]
    in_line = [e for m in waiting for e in await entries_of(service, m)]
    # Either a racer got it (both still in line) or the first in line did.
    assert (len(booked_by_racer), len(in_line)) in ((1, 2), (0, 1))
    if not booked_by_racer:
        assert rows[0]["member_id"] == waiting[0]


async def test_entries_for_past_slots_are_ignored_and_leaving_the_line(service, amqp_url):
    holder, member, other = await new_members(service, amqp_url, 3)
    place, [desk] = await a_place(service)
    day, next_week = weekly_days(18, 2)
    await book(service, holder, desk, day)
    entry = await join(service, member, wanted(place, day))
    service.app.state.clock = lambda: paris(day, 14)  # that morning is over
    assert await entries_of(service, member) == []
    service.app.state.clock = None
    assert len(await entries_of(service, member)) == 1
    # The no-show job's sweep deletes the entries of slots over.
    await book(service, holder, desk, next_week)
    later = await join(service, member, wanted(place, next_week))
    await waiting_list.purge_past(service.app.state.pool, paris(day, 14))
    assert [e["entry_id"] for e in await entries_of(service, member)] == [later["entry_id"]]
    entry = later
    path = f"/api/waiting-list/{entry['entry_id']}"
    assert (await service.client.delete(path, headers=service.solo(other))).status_code == 403
    assert (await service.client.delete(path, headers=service.staff())).status_code == 403
    assert (await service.client.delete(path, headers=service.solo(member))).status_code == 204
    assert (await service.client.delete(path, headers=service.solo(member))).status_code == 404
    assert await entries_of(service, member) == []


async def test_erasure_deletes_the_persons_waiting_list_entries(service, amqp_url):
    installed = solo_installed()
    member, prospect = installed.data.member_id, installed.data.prospect_id
    await publish(amqp_url, installed)
    [holder] = await new_members(service, amqp_url)
    place, [desk] = await a_place(service)
    day = bookable_day(19)
    await book(service, holder, desk, day)
    await wait_for(lambda: _known(service, member))
    await join(service, member, wanted(place, day))
    await publish(amqp_url, prospect_erased(prospect))
    await wait_for(lambda: _gone(service, member), message="waiting-list entries erased")
    assert not await fetch(service, "SELECT 1 FROM waiting_list WHERE member_id = $1", member)


async def _known(service, member) -> bool:
    return bool(await fetch(service, "SELECT 1 FROM members WHERE member_id = $1", member))


async def _gone(service, member) -> bool:
    return not await fetch(service, "SELECT 1 FROM members WHERE member_id = $1", member)


# --- the members' pages -------------------------------------------------------------------

def me(member) -> dict[str, str]:
    return identity(Role.SOLO, member=member, name="Anna de Vries")


async def get(service, path, member, status=200):
    answer = await service.client.get(path, headers=me(member))
    assert answer.status_code == status, (path, answer.status_code, answer.text[:3000])
    return answer


async def post(service, page, path, member, data):
    token = CSRF.search(page.text).group(1)
    return await service.client.post(path, headers=me(member), data={"csrftoken": token, **data})


async def test_the_week_page_repeats_a_slot_and_shows_the_result(service, amqp_url):
    member, other = await new_members(service, amqp_url, 2)
    place, [desk] = await a_place(service)
    days = weekly_days(22, 3)
    await book(service, other, desk, days[1])
    week = await get(service, f"/members/book/{place}?week={iso_week(days[0])}", member)
    assert 'data-testid="repeat-form"' in week.text and 'name="weeks"' in week.text
    value = f"{desk} {paris(days[0], 8).isoformat()} {paris(days[0], 13).isoformat()}"
    assert f'<option value="{value}"' in week.text
    bad = await post(service, week, f"/members/book/{place}/repeat", member,
                     {"slot": value, "weeks": "vingt"})
    assert bad.status_code == 422 and 'href="#weeks"' in bad.text
    assert 'value="vingt"' in bad.text and "« vingt »" in text(bad)
    no_slot = await post(service, week, f"/members/book/{place}/repeat", member, {"weeks": "3"})
    assert no_slot.status_code == 422 and 'href="#slot"' in no_slot.text
    done = await post(service, bad, f"/members/book/{place}/repeat?lang=en", member,
                      {"slot": value, "weeks": "3"})
    assert done.status_code == 200, done.text
    assert "2 of 3 date(s) booked" in text(done) and 'data-reason="taken"' in done.text
    assert "already booked" in text(done)
    assert len(await bookings_of(service, member, [desk])) == 2
    # The date taken may be waited for, from the result.
    waited = await post(service, done, "/members/waiting-list", member, {
        "telecentre_id": str(place),
        "wait": f"hot_desk {paris(days[1], 8).isoformat()} {paris(days[1], 13).isoformat()}"})
    assert 'data-testid="wait-for-date"' in done.text and waited.status_code == 303
    [entry] = await entries_of(service, member)
    assert entry["starts_at"].startswith(str(days[1]))
    no_csrf = await service.client.post(f"/members/book/{place}/repeat", headers=me(member),
                                        data={"slot": value, "weeks": "3"})
    assert no_csrf.status_code == 403


async def test_joining_and_leaving_the_waiting_list_from_the_pages(service, amqp_url):
    holder, member, other = await new_members(service, amqp_url, 3)
    place, [desk] = await a_place(service)
    day = bookable_day(23)
    await book(service, holder, desk, day)
    week = await get(service, f"/members/book/{place}?week={iso_week(day)}", member)
    wait = f"hot_desk {paris(day, 8).isoformat()} {paris(day, 13).isoformat()}"
    assert f'value="{wait}"' in week.text and "Complet" in text(week)
    joined = await post(service, week, "/members/waiting-list", member,
                        {"telecentre_id": str(place), "wait": wait})
    assert joined.status_code == 303
    assert joined.headers["location"] == "/members/bookings?done=waiting#waiting-list"
    mine = await get(service, "/members/bookings?done=waiting", member)
    assert "Vous êtes inscrit en liste d'attente" in text(mine)
    assert "Rang dans la file : 1" in text(mine)
    twice = await post(service, week, "/members/waiting-list", member,
                       {"telecentre_id": str(place), "wait": wait})
    assert twice.status_code == 409 and "vous attendez déjà" in text(twice)
    broken = await post(service, week, "/members/waiting-list", member, {"wait": "x"})
    assert broken.status_code == 422
    ancient = await post(service, week, "/members/waiting-list", member, {
        "telecentre_id": str(place), "wait": "hot_desk 0001-01-01T00:00:00+01:00 "
                                             "0001-01-01T05:00:00+01:00"})
    assert ancient.status_code == 422
    [entry] = await entries_of(service, member)
    service.client.cookies.clear()
    their = await get(service, "/members/bookings", other)
    refused = await post(service, their, f"/members/waiting-list/{entry['entry_id']}/leave",
                         other, {})
    assert refused.status_code == 403
    no_csrf = await service.client.post(f"/members/waiting-list/{entry['entry_id']}/leave",
                                        headers=me(member))
    assert no_csrf.status_code == 403
    service.client.cookies.clear()
    mine = await get(service, "/members/bookings", member)
    left = await post(service, mine, f"/members/waiting-list/{entry['entry_id']}/leave",
                      member, {})
    assert left.status_code == 303 and await entries_of(service, member) == []
    gone = await post(service, mine, f"/members/waiting-list/{entry['entry_id']}/leave",
                      member, {})
    assert gone.status_code == 404


async def test_the_409_page_offers_the_waiting_list(service, amqp_url):
    holder, member = await new_members(service, amqp_url, 2)
    place, [desk] = await a_place(service)
    day = bookable_day(24)
    week = await get(service, f"/members/book/{place}?week={iso_week(day)}", member)
    await book(service, holder, desk, day)
    value = f"{desk} {paris(day, 8).isoformat()} {paris(day, 13).isoformat()}"
    taken = await post(service, week, f"/members/book/{place}", member, {"slot": value})
    assert taken.status_code == 409 and 'data-testid="join-waiting-list"' in taken.text
    joined = await post(service, taken, "/members/waiting-list", member, {
        "telecentre_id": str(place), "kind": "hot_desk",
        "starts_at": paris(day, 8).isoformat(), "ends_at": paris(day, 13).isoformat()})
    assert joined.status_code == 303
    assert len(await entries_of(service, member)) == 1
