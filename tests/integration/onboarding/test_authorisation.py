"""Who may do what: no token 401; a committee touches its own village only; a solo edits
their own card only; the staff routes are staff only."""

import uuid

import pytest

from shared.auth import Role, issue_token

COMMITTEE = {"email": "comite-32107@example.org", "locale": "fr"}
CARD = {"listed": True, "profession": "developer", "skills": ["python"]}


@pytest.mark.parametrize("method, path", [
    ("GET", "/api/villages"), ("GET", "/api/villages/32013"),
    ("PATCH", "/api/villages/32013"), ("PUT", "/api/villages/32013/committee"),
    ("GET", "/api/cases"), ("GET", f"/api/cases/{uuid.uuid4()}"),
    ("POST", f"/api/cases/{uuid.uuid4()}/install"), ("GET", "/api/overdue-steps"),
    ("GET", "/api/members"), ("PUT", f"/api/members/{uuid.uuid4()}/card"),
    ("GET", "/api/retention"),
])
async def test_no_token_or_a_bad_one_is_401(onboarding, method, path):
    assert (await onboarding.client.request(method, path, json={})).status_code == 401
    forged = issue_token("another-secret-of-at-least-32-bytes!!", Role.STAFF)
    bad = await onboarding.client.request(method, path, json={},
                                          headers={"Authorization": f"Bearer {forged}"})
    assert bad.status_code == 401


async def test_a_committee_reads_and_edits_its_own_village_only(onboarding):
    own, other = onboarding.committee("32107"), onboarding.committee("32001")
    client = onboarding.client
    assert (await client.get("/api/villages/32107", headers=own)).status_code == 200
    put = await client.put("/api/villages/32107/committee", json=COMMITTEE, headers=own)
    assert put.status_code == 200 and put.json()["committee"]["email"] == COMMITTEE["email"]
    patch = await client.patch("/api/villages/32107", headers=own,
                               json={"services": {"doctor": True}, "housing_notes": "Gîtes"})
    assert patch.status_code == 200 and patch.json()["services"]["doctor"] is True

    assert (await client.get("/api/villages/32107", headers=other)).status_code == 403
    assert (await client.put("/api/villages/32107/committee", json=COMMITTEE,
                             headers=other)).status_code == 403
    assert (await client.patch("/api/villages/32107", json={"housing_notes": "x"},
                               headers=other)).status_code == 403
    village = (await client.get("/api/villages/32107", headers=onboarding.staff())).json()
    assert village["housing_notes"] == "Gîtes", "the refused edit changed nothing"


async def test_a_committee_cannot_list_villages_set_host_status_or_see_cases(onboarding):
    own = onboarding.committee("32107")
    assert (await onboarding.client.get("/api/villages", headers=own)).status_code == 403
    host = await onboarding.client.patch("/api/villages/32107", json={"host_status": "host"},
                                         headers=own)
    assert host.status_code == 403
    assert (await onboarding.client.get("/api/cases", headers=own)).status_code == 403
    assert (await onboarding.client.get("/api/members", headers=own)).status_code == 403


async def test_a_solo_edits_only_their_own_card_and_reads_the_directory(onboarding, new_member):
    (_, anna), (_, bram) = await new_member(), await new_member(first_name="Bram")
    client = onboarding.client
    own = await client.put(f"/api/members/{anna}/card", json=CARD, headers=onboarding.solo(anna))
    assert own.status_code == 200 and own.json()["listed"]
    refused = await client.put(f"/api/members/{bram}/card", json=CARD,
                               headers=onboarding.solo(anna))
    assert refused.status_code == 403
    bram_now = (await client.get(f"/api/members/{bram}", headers=onboarding.staff())).json()
    assert not bram_now["listed"] and bram_now["skills"] == []

    # Bram is not listed: another member may not read him; he sees Anna's listed card.
    assert (await client.get(f"/api/members/{bram}", headers=onboarding.solo(anna))
            ).status_code == 403
    card = await client.get(f"/api/members/{anna}", headers=onboarding.solo(bram))
    assert card.status_code == 200 and "follow_ups" not in card.json()
    assert (await client.get("/api/cases", headers=onboarding.solo(anna))).status_code == 403
    assert (await client.get("/api/villages", headers=onboarding.solo(anna))).status_code == 403
