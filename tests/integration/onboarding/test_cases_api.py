"""Cases through the API: the checklist rules, overdue steps, matching, installing,
abandoning, follow-ups and the members' directory."""

import datetime
import uuid

from .conftest import handled, qualified_event


def step(case: dict, key: str) -> dict:
    return next(s for s in case["steps"] if s["key"] == key)


async def act(onboarding, case: dict, key: str, action: str, body: dict | None = None):
    return await onboarding.client.post(f"/api/cases/{case['id']}/steps/{key}/{action}",
                                        json=body, headers=onboarding.staff())


async def test_a_step_before_its_prerequisites_is_409_then_complete_skip_reopen(
        onboarding, new_case):
    case = await new_case(household_size=1)
    assert "school_enrolment" not in {s["key"] for s in case["steps"]}
    early = await act(onboarding, case, "village_chosen", "complete")
    assert early.status_code == 409 and "discovery_visit" in early.json()["detail"]

    done = await act(onboarding, case, "discovery_visit", "complete", {"note": "Lovely day"})
    assert done.status_code == 200
    visit = step(done.json(), "discovery_visit")
    assert visit["status"] == "done" and visit["resolved_by"] == "test-staff"
    assert visit["note"] == "Lovely day" and visit["resolved_at"]
    assert (await act(onboarding, case, "discovery_visit", "complete")).status_code == 409
    assert (await act(onboarding, case, "village_chosen", "complete")).status_code == 200

    no_reason = await act(onboarding, case, "housing_found", "skip", {"reason": "  "})
    assert no_reason.status_code == 422
    skipped = await act(onboarding, case, "housing_found", "skip",
                        {"reason": "already owns a house"})
    assert step(skipped.json(), "housing_found")["skip_reason"] == "already owns a house"

    blocked = await act(onboarding, case, "discovery_visit", "reopen")
    assert blocked.status_code == 409 and "village_chosen" in blocked.json()["detail"]
    assert (await act(onboarding, case, "village_chosen", "reopen")).status_code == 200
    reopened = await act(onboarding, case, "discovery_visit", "reopen")
    assert step(reopened.json(), "discovery_visit")["status"] == "pending"
    assert (await act(onboarding, case, "school_enrolment", "complete")).status_code == 404
    assert (await act(onboarding, case, "no_such_step", "complete")).status_code == 422


async def test_a_qualification_of_four_people_two_of_them_children_opens_a_case_saying_so(
        onboarding, new_case):
    listed = await new_case(household_size=4, children=2)
    answer = await onboarding.client.get(f"/api/cases/{listed['id']}",
                                         headers=onboarding.staff())
    assert answer.status_code == 200, answer.text
    case = answer.json()
    assert case["household_size"] == 4 and case["children"] == 2
    assert "school_enrolment" in {s["key"] for s in case["steps"]}


async def test_children_learnt_later_add_the_school_step_or_skip_it(onboarding, new_case):
    staff = onboarding.staff()
    case = await new_case(household_size=2)  # children unknown: the step is there
    assert step(case, "school_enrolment")["status"] == "pending"
    none = await onboarding.client.patch(f"/api/cases/{case['id']}", json={"children": 0},
                                         headers=staff)
    assert step(none.json(), "school_enrolment")["status"] == "skipped"

    single = await new_case(household_size=3, children=0)
    assert "school_enrolment" not in {s["key"] for s in single["steps"]}
    some = await onboarding.client.patch(f"/api/cases/{single['id']}", json={"children": 1},
                                         headers=staff)
    assert some.json()["children"] == 1 and step(some.json(), "school_enrolment")
    too_many = await onboarding.client.patch(f"/api/cases/{single['id']}",
                                             json={"children": 3}, headers=staff)
    assert too_many.status_code == 422 and too_many.json()["detail"][0]["loc"][-1] == "children"


async def test_overdue_steps_are_listed_for_staff(onboarding, raw_publish, db):
    # 95 days: steps due at 30 to 90 days are overdue, those at 100 and more are not,
    # even when the Paris day of the opening shifts by one across a DST change.
    long_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=95)
    event = qualified_event().model_copy(update={"time": long_ago})
    await raw_publish(event)
    await handled(db, event)
    overdue = (await onboarding.client.get("/api/overdue-steps", params={"limit": 500},
                                           headers=onboarding.staff())).json()
    mine = {o["key"]: o for o in overdue if o["prospect_id"] == str(event.data.prospect_id)}
    assert set(mine) == {"discovery_visit", "village_chosen", "welcome_meeting",
                         "housing_found", "business_setup"}
    assert mine["discovery_visit"]["days_overdue"] in (64, 65, 66)
    assert mine["welcome_meeting"]["owner_role"] == "committee"


async def test_matching_ranks_wished_and_host_villages_with_reasons(onboarding, new_case):
    case = await new_case(household_size=3, children=1, target_villages=["32412"])
    answer = await onboarding.client.get(f"/api/cases/{case['id']}/matches",
                                         params={"limit": 5}, headers=onboarding.staff())
    assert answer.status_code == 200
    matches = answer.json()
    assert len(matches) == 5 and matches[0]["insee_code"] == "32412"
    assert {"wish", "school", "broadband", "distance"} <= {r["factor"] for r in
                                                          matches[0]["reasons"]}
    assert [m["score"] for m in matches] == sorted((m["score"] for m in matches), reverse=True)
    assert any(r["factor"] == "host_status" for m in matches[1:] for r in m["reasons"])


async def test_install_refuses_bad_input_and_abandoned_cases(onboarding, new_case):
    staff, client = onboarding.staff(), onboarding.client
    case = await new_case()
    url = f"/api/cases/{case['id']}/install"
    body = {"village": "32013", "installed_on": "2026-09-01", "household_size": 1}
    unknown = await client.post(url, json={**body, "village": "32999"}, headers=staff)
    assert unknown.status_code == 422 and unknown.json()["detail"][0]["loc"][-1] == "village"
    far = await client.post(url, json={**body, "installed_on": "2099-01-01"}, headers=staff)
    assert far.status_code == 422 and far.json()["detail"][0]["loc"][-1] == "installed_on"
    missing = await client.post(f"/api/cases/{uuid.uuid4()}/install", json=body, headers=staff)
    assert missing.status_code == 404

    no_reason = await client.post(f"/api/cases/{case['id']}/abandon", json={}, headers=staff)
    assert no_reason.status_code == 422
    abandoned = await client.post(f"/api/cases/{case['id']}/abandon",
                                  json={"reason": "stays in Rotterdam"}, headers=staff)
    assert abandoned.json()["status"] == "abandoned"
    assert abandoned.json()["abandon_reason"] == "stays in Rotterdam"
    assert (await client.post(url, json=body, headers=staff)).status_code == 409
    assert (await client.post(f"/api/cases/{case['id']}/abandon", json={"reason": "again"},
                              headers=staff)).status_code == 409
    assert (await act(onboarding, case, "discovery_visit", "complete")).status_code == 409


async def test_follow_ups_are_recorded_and_the_retention_reported(onboarding, new_member):
    staff, client = onboarding.staff(), onboarding.client
    _, member_id = await new_member()  # installed 200 days ago: 1 and 6 months are due
    due = (await client.get("/api/follow-ups/due", params={"limit": 500}, headers=staff)).json()
    assert {d["months"] for d in due if d["member_id"] == str(member_id)} == {1, 6}
    before = (await client.get("/api/retention", headers=staff)).json()

    url = f"/api/members/{member_id}/follow-ups"
    one = await client.put(f"{url}/1", json={"still_here": True, "activity_going": True},
                           headers=staff)
    assert one.status_code == 200 and one.json()["recorded_by"] == "test-staff"
    await client.put(f"{url}/6", json={"still_here": True, "activity_going": False,
                                       "note": "client lost"}, headers=staff)
    assert (await client.put(f"{url}/3", json={"still_here": True, "activity_going": True},
                             headers=staff)).status_code == 404
    after = (await client.get("/api/retention", headers=staff)).json()
    recorded = {m["months"]: m["recorded"] for m in after["milestones"]}
    assert recorded[1] == before["milestones"][0]["recorded"] + 1
    assert recorded[6] == before["milestones"][1]["recorded"] + 1
    due = (await client.get("/api/follow-ups/due", params={"limit": 500}, headers=staff)).json()
    assert not [d for d in due if d["member_id"] == str(member_id)]


async def test_the_directory_finds_listed_members_by_skill_text_and_village(
        onboarding, new_member):
    client = onboarding.client
    _, listed = await new_member(village="32107", first_name="Zélie")
    _, hidden = await new_member(village="32107")
    await client.put(f"/api/members/{listed}/card", headers=onboarding.solo(listed), json={
        "listed": True, "profession": "Luthier", "skills": ["Woodwork", "Repair"],
        "website": "https://zelie.example.org", "short_description": "Guitares sur mesure"})
    await client.put(f"/api/members/{hidden}/card", headers=onboarding.solo(hidden),
                     json={"listed": False, "profession": "Luthier"})
    for params in ({"q": "luthier"}, {"skill": "woodwork"}, {"village": "32107"},
                   {"q": "guitares"}):
        found = await client.get("/api/members", params=params, headers=onboarding.solo(hidden))
        ids = {m["member_id"] for m in found.json()}
        assert str(listed) in ids and str(hidden) not in ids, params
    card = next(m for m in found.json() if m["member_id"] == str(listed))
    assert card["village"] == {"insee_code": "32107", "name": "Condom"}
    assert card["website"] == "https://zelie.example.org/"
