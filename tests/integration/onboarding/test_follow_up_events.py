"""Recording a follow-up publishes member.followed_up (through the outbox), seen by an
outside listener; a correction publishes a new event with the new answer; nothing leaves
when the recording is refused."""

import datetime
import uuid

from shared.events import CONTENT_TYPE
from tests.support.waiting import wait_for

from .conftest import erased_event, handled

NOTE = "Moved to Toulouse, call Anna on 06 12 34 56 78"


def followed_up(listener, member_id: uuid.UUID) -> list:
    return [r for r in listener.received if r.routing_key == "member.followed_up"
            and r.body["data"]["member_id"] == str(member_id)]


async def staged(db, member_id: uuid.UUID) -> int:
    return await db.fetchval("SELECT count(*) FROM outbox WHERE type = 'member.followed_up' "
                             "AND subject = $1", str(member_id))


async def test_recording_and_correcting_a_follow_up_publishes_each_answer(
        onboarding, new_member, listener, db):
    case, member_id = await new_member(village="32107")
    url = f"/api/members/{member_id}/follow-ups/6"
    first = await onboarding.client.put(url, headers=onboarding.staff(), json={
        "still_here": False, "activity_going": False, "note": NOTE})
    assert first.status_code == 200, first.text

    [received] = await wait_for(lambda: followed_up(listener, member_id), timeout=20,
                                message="member.followed_up outside")
    assert received.message.content_type == CONTENT_TYPE
    assert received.message.message_id == received.body["id"]
    assert (received.body["source"], received.body["subject"]) == (
        "/soho/onboarding", str(member_id))
    data = received.body["data"]
    recorded_at = datetime.datetime.fromisoformat(data.pop("recorded_at"))
    assert recorded_at.utcoffset() is not None
    assert recorded_at == datetime.datetime.fromisoformat(first.json()["recorded_at"])
    assert data == {"member_id": str(member_id), "prospect_id": case["prospect_id"],
                    "months": 6, "due_on": first.json()["due_on"], "still_here": False,
                    "activity_going": False, "insee_code": "32107"}
    assert "Toulouse" not in repr(received.body) and "Anna" not in repr(received.body)

    # Staff correct the answer: a new event, with the new answer and a later recorded_at.
    corrected = await onboarding.client.put(url, headers=onboarding.staff(), json={
        "still_here": True, "activity_going": True})
    assert corrected.status_code == 200, corrected.text
    both = await wait_for(lambda: (lambda r: r if len(r) == 2 else None)(
        followed_up(listener, member_id)), timeout=20, message="the correction outside")
    second = both[1].body
    assert second["id"] != received.body["id"]
    assert (second["data"]["still_here"], second["data"]["activity_going"]) == (True, True)
    assert datetime.datetime.fromisoformat(second["data"]["recorded_at"]) > recorded_at


async def test_a_refused_follow_up_publishes_nothing(onboarding, new_member, raw_publish, db):
    case, member_id = await new_member()
    answer = await onboarding.client.put(f"/api/members/{member_id}/follow-ups/3",
                                         headers=onboarding.staff(),
                                         json={"still_here": True, "activity_going": True})
    assert answer.status_code in (404, 422)
    erased = erased_event(uuid.UUID(case["prospect_id"]))
    await raw_publish(erased)
    await handled(db, erased)
    refused = await onboarding.client.put(f"/api/members/{member_id}/follow-ups/1",
                                          headers=onboarding.staff(),
                                          json={"still_here": True, "activity_going": True})
    assert refused.status_code == 409
    assert await staged(db, member_id) == 0
