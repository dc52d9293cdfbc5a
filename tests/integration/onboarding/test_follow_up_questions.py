"""Asking the follow-up questions: when a milestone (1, 6, 12 months after installation)
falls due, unanswered, onboarding publishes follow_up.due through its outbox, once per
member and milestone, even run again or by two copies at once; never for an erased member,
a household that said it left, or a milestone already answered."""

import asyncio
import datetime
import json
import uuid

from services.onboarding.store import follow_up_questions as store
from services.onboarding.use_cases.follow_up_questions import ask_due_follow_ups
from shared.auth import Role
from shared.db import connect
from tests.support.waiting import wait_for

from .conftest import erased_event, handled
from .test_member_pages import identity

INSTALLED_ON = datetime.date(2025, 3, 10)
DUE = {1: datetime.date(2025, 4, 10), 6: datetime.date(2025, 9, 10),
       12: datetime.date(2026, 3, 10)}


async def installed(onboarding, new_case, village: str = "32107") -> tuple[dict, uuid.UUID]:
    case = await new_case()
    answer = await onboarding.client.post(
        f"/api/cases/{case['id']}/install", headers=onboarding.staff(),
        json={"village": village, "installed_on": INSTALLED_ON.isoformat(),
              "household_size": 2})
    assert answer.status_code == 201, answer.text
    return case, uuid.UUID(answer.json()["member_id"])


async def asked(db, member_id: uuid.UUID) -> list[dict]:
    """The follow_up.due events staged for this member."""
    rows = await db.fetch("SELECT body FROM outbox WHERE type = 'follow_up.due' "
                          "AND subject = $1", str(member_id))
    return [json.loads(r["body"]) for r in rows]


def months_asked(events: list[dict]) -> list[int]:
    return sorted(e["data"]["months"] for e in events)


async def test_each_milestone_is_asked_once_when_it_falls_due(onboarding, new_case, db,
                                                              listener):
    case, member_id = await installed(onboarding, new_case)
    pool = onboarding.app.state.pool

    await ask_due_follow_ups(pool, DUE[1] - datetime.timedelta(days=1))
    assert await asked(db, member_id) == []  # not due yet

    await ask_due_follow_ups(pool, DUE[1])
    await ask_due_follow_ups(pool, DUE[1] + datetime.timedelta(days=3))  # again: nothing new
    [first] = await asked(db, member_id)
    assert first["data"] == {"member_id": str(member_id), "prospect_id": case["prospect_id"],
                             "months": 1, "due_on": "2025-04-10",
                             "village": {"insee_code": "32107", "name": "Condom"}}
    assert (first["source"], first["subject"]) == ("/soho/onboarding", str(member_id))
    assert "Anna" not in json.dumps(first) and "de Vries" not in json.dumps(first)

    await ask_due_follow_ups(pool, DUE[6] + datetime.timedelta(days=10))
    await ask_due_follow_ups(pool, DUE[12])
    await ask_due_follow_ups(pool, DUE[12])
    assert months_asked(await asked(db, member_id)) == [1, 6, 12]
    marked = await db.fetch("SELECT months FROM follow_ups WHERE member_id = $1 "
                            "AND asked_at IS NOT NULL ORDER BY months", member_id)
    assert [r["months"] for r in marked] == [1, 6, 12]

    # It leaves on the bus, as any event does (the relay publishes the outbox).
    received = await wait_for(
        lambda: (lambda r: r if len(r) == 3 else None)(
            [r for r in listener.received if r.routing_key == "follow_up.due"
             and r.body["data"]["member_id"] == str(member_id)]),
        timeout=20, message="follow_up.due outside")
    assert sorted(r.body["data"]["months"] for r in received) == [1, 6, 12]

    # The page the email links to (/members/follow-ups/{months}) asks this member's questions.
    page = await onboarding.client.get("/members/follow-ups/6?lang=en",
                                       headers=identity(Role.SOLO, member=member_id))
    assert page.status_code == 200 and "still" in page.text.lower()


async def test_a_milestone_overdue_beyond_the_window_is_not_asked(onboarding, new_case, db):
    _case, member_id = await installed(onboarding, new_case)
    # The platform started (or the job came back) long after the 1- and 6-month dates.
    await ask_due_follow_ups(onboarding.app.state.pool, DUE[6] + datetime.timedelta(days=90))
    assert await asked(db, member_id) == []
    await ask_due_follow_ups(onboarding.app.state.pool, DUE[12] + datetime.timedelta(days=59))
    assert months_asked(await asked(db, member_id)) == [12]


async def test_answered_left_and_erased_households_are_not_asked(onboarding, new_case, db,
                                                                 raw_publish):
    pool = onboarding.app.state.pool
    _a, answered = await installed(onboarding, new_case)
    _b, left = await installed(onboarding, new_case)
    erased_case, erased = await installed(onboarding, new_case)
    staff = onboarding.staff()
    ok = await onboarding.client.put(f"/api/members/{answered}/follow-ups/6", headers=staff,
                                     json={"still_here": True, "activity_going": True})
    assert ok.status_code == 200, ok.text
    gone = await onboarding.client.put(f"/api/members/{left}/follow-ups/1", headers=staff,
                                       json={"still_here": False, "activity_going": False})
    assert gone.status_code == 200, gone.text
    event = erased_event(uuid.UUID(erased_case["prospect_id"]))
    await raw_publish(event)
    await handled(db, event)

    await ask_due_follow_ups(pool, DUE[6])
    await ask_due_follow_ups(pool, DUE[12])
    assert months_asked(await asked(db, answered)) == [12]  # 6 was answered before
    assert await asked(db, left) == []                       # it left at 1 month
    assert await asked(db, erased) == []


async def test_two_copies_running_at_once_ask_each_milestone_once(onboarding, new_case, db,
                                                                  database_url):
    pool = onboarding.app.state.pool
    members = [(await installed(onboarding, new_case))[1] for _ in range(4)]

    # One copy holds some rows (its transaction still open): the other skips them at once,
    # takes the rest, and neither asks anything twice.
    other = await connect(database_url, "onboarding")
    try:
        tx = other.transaction()
        await tx.start()
        held = await other.fetch(
            "SELECT member_id, months FROM follow_ups WHERE member_id = ANY($1::uuid[]) "
            "AND months = 6 FOR UPDATE", members[:2])
        assert len(held) == 2
        await asyncio.wait_for(ask_due_follow_ups(pool, DUE[6]), 10)  # not blocked
        held_ids = {r["member_id"] for r in held}
        for member_id in members:
            assert months_asked(await asked(db, member_id)) == (
                [] if member_id in held_ids else [6])
        await store.mark_asked(other, held, datetime.datetime.now(datetime.UTC))
        await tx.commit()
    finally:
        await other.close()
    await ask_due_follow_ups(pool, DUE[6])
    for member_id in members:
        assert months_asked(await asked(db, member_id)) == ([] if member_id in held_ids
                                                             else [6])

    # Many runs at the same moment: each of the 12-month questions once.
    await asyncio.gather(*(ask_due_follow_ups(pool, DUE[12]) for _ in range(4)))
    for member_id in members:
        assert months_asked(await asked(db, member_id)).count(12) == 1
