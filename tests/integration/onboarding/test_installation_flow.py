"""On the real broker: prospect.qualified (published through an outbox as prospects does)
opens a case; installing it publishes solo.installed, seen by an outside listener."""

import uuid

from shared.events import CONTENT_TYPE
from tests.support.waiting import wait_for

from .conftest import deliveries, erased_event, handled, qualified_event

QUEUE = "onboarding.prospect.qualified"


async def cases_of(onboarding, prospect_id: uuid.UUID) -> list[dict]:
    answer = await onboarding.client.get("/api/cases", params={"prospect_id": str(prospect_id)},
                                         headers=onboarding.staff())
    assert answer.status_code == 200, answer.text
    return answer.json()


async def test_qualified_prospect_opens_a_case_and_installing_it_publishes_solo_installed(
        onboarding, prospects_outbox, listener):
    prospect_id = uuid.uuid4()
    await prospects_outbox(qualified_event(prospect_id, household_size=3, children=1,
                                           target_villages=["32233"]))
    [case] = await wait_for(lambda: cases_of(onboarding, prospect_id), timeout=20,
                            message="a case for the qualified prospect")
    assert case["status"] == "open" and case["household_size"] == 3 and case["children"] == 1
    assert case["first_name"] == "Anna" and case["target_villages"] == ["32233"]
    keys = [s["key"] for s in case["steps"]]
    assert "school_enrolment" in keys and keys[0] == "discovery_visit"
    assert all(s["status"] == "pending" and s["due_on"] > case["opened_at"][:10]
               for s in case["steps"])

    committee = {"email": "comite-test-32233@example.org", "locale": "fr"}
    put = await onboarding.client.put("/api/villages/32233/committee", json=committee,
                                      headers=onboarding.staff())
    assert put.status_code == 200, put.text
    install = await onboarding.client.post(
        f"/api/cases/{case['id']}/install", headers=onboarding.staff(),
        json={"village": "32233", "installed_on": "2026-09-01", "household_size": 3})
    assert install.status_code == 201, install.text
    member_id = install.json()["member_id"]

    [received] = await wait_for(lambda: [r for r in listener.received
                                         if r.routing_key == "solo.installed"
                                         and r.body["data"]["member_id"] == member_id],
                                timeout=20, message="solo.installed outside")
    assert received.message.content_type == CONTENT_TYPE
    assert received.message.message_id == received.body["id"]
    assert received.body["source"] == "/soho/onboarding"
    assert received.body["subject"] == member_id
    assert received.body["data"] == {
        "member_id": member_id, "prospect_id": str(prospect_id), "case_id": case["id"],
        "village": {"insee_code": "32233", "name": "Marciac"}, "installed_on": "2026-09-01",
        "household_size": 3, "sector": "software", "origin_country": "NL",
        "committee": {"email": "comite-test-32233@example.org", "locale": "fr"}}

    [installed] = await cases_of(onboarding, prospect_id)
    assert installed["status"] == "installed" and installed["member_id"] == member_id
    again = await onboarding.client.post(
        f"/api/cases/{case['id']}/install", headers=onboarding.staff(),
        json={"village": "32233", "installed_on": "2026-09-01", "household_size": 3})
    assert again.status_code == 409
    member = await onboarding.client.get(f"/api/members/{member_id}", headers=onboarding.staff())
    assert [f["due_on"] for f in member.json()["follow_ups"]] == [
        "2026-10-01", "2027-03-01", "2027-09-01"]
    published = [r for r in listener.received if r.routing_key == "solo.installed"
                 and r.body["data"]["case_id"] == case["id"]]
    assert len(published) == 1


async def test_the_same_qualification_delivered_twice_opens_one_case(
        onboarding, prospects_outbox, raw_publish, db):
    prospect_id = uuid.uuid4()
    event = qualified_event(prospect_id)
    duplicates_before = deliveries(QUEUE, "duplicate")
    await prospects_outbox(event)
    await raw_publish(event)  # the same event again: a relay that crashed before marking it
    await handled(db, event)
    await wait_for(lambda: deliveries(QUEUE, "duplicate") > duplicates_before, timeout=20,
                   message="the second delivery acknowledged as a duplicate")
    assert len(await cases_of(onboarding, prospect_id)) == 1


async def test_a_second_qualification_of_a_prospect_with_a_case_opens_no_other(
        onboarding, raw_publish, db):
    prospect_id = uuid.uuid4()
    first, second = qualified_event(prospect_id), qualified_event(prospect_id, household_size=4)
    await raw_publish(first)
    await handled(db, first)
    await raw_publish(second)  # a different event id: the inbox lets it through
    await handled(db, second)
    [case] = await cases_of(onboarding, prospect_id)
    assert case["household_size"] == 1


async def test_erasure_anonymises_cases_and_members_and_the_counts_survive(
        onboarding, new_member, raw_publish, db):
    case, member_id = await new_member(village="32013")
    prospect_id = uuid.UUID(case["prospect_id"])
    card = await onboarding.client.put(
        f"/api/members/{member_id}/card", headers=onboarding.solo(member_id),
        json={"listed": True, "profession": "illustrator", "skills": ["drawing"],
              "website": "https://anna.example.org", "short_description": "Illustratrice"})
    assert card.status_code == 200, card.text
    members_before = (await onboarding.client.get("/api/retention",
                                                  headers=onboarding.staff())).json()

    erased = erased_event(prospect_id)
    await raw_publish(erased)
    await handled(db, erased)

    [anonymous] = await cases_of(onboarding, prospect_id)
    assert anonymous["anonymised"] and anonymous["status"] == "installed"
    assert (anonymous["first_name"], anonymous["last_name"], anonymous["email"]) == (
        None, None, None)
    member = (await onboarding.client.get(f"/api/members/{member_id}",
                                          headers=onboarding.staff())).json()
    assert member["anonymised"] and member["first_name"] is None and not member["listed"]
    assert member["website"] is None and member["skills"] == []
    assert member["village"]["insee_code"] == "32013"  # the count of installed solos holds
    directory = await onboarding.client.get("/api/members", params={"q": "illustrat"},
                                            headers=onboarding.staff())
    assert str(member_id) not in {m["member_id"] for m in directory.json()}
    after = (await onboarding.client.get("/api/retention", headers=onboarding.staff())).json()
    assert after["installed_members"] == members_before["installed_members"]

    late = qualified_event(prospect_id)  # a qualification arriving after the erasure
    await raw_publish(late)
    await handled(db, late)
    assert len(await cases_of(onboarding, prospect_id)) == 1


async def test_erasure_closes_an_open_case(onboarding, new_case, raw_publish, db):
    case = await new_case()
    erased = erased_event(uuid.UUID(case["prospect_id"]))
    await raw_publish(erased)
    await handled(db, erased)
    after = (await onboarding.client.get(f"/api/cases/{case['id']}",
                                         headers=onboarding.staff())).json()
    assert after["status"] == "abandoned" and after["anonymised"] and after["email"] is None
    install = await onboarding.client.post(
        f"/api/cases/{case['id']}/install", headers=onboarding.staff(),
        json={"village": "32013", "installed_on": "2026-09-01", "household_size": 1})
    assert install.status_code == 409
