"""Text PostgreSQL cannot store (NUL, lone surrogates) is a 422 naming the field, not a 500."""

import json

import pytest

NUL, SURROGATE = "bad\u0000text", "bad\ud800text"


@pytest.mark.parametrize("value", [NUL, SURROGATE])
async def test_unstorable_text_in_a_body_is_422(onboarding, value):
    body = json.dumps({"housing_notes": value}).encode()  # JSON escapes keep the surrogate
    answer = await onboarding.client.patch(
        "/api/villages/32013", content=body,
        headers={**onboarding.staff(), "Content-Type": "application/json"})
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"][-1] == "housing_notes"


async def test_unstorable_text_in_a_query_is_422(onboarding):
    answer = await onboarding.client.get("/api/members", params={"q": NUL},
                                         headers=onboarding.staff())
    assert answer.status_code == 422


async def test_unstorable_skills_and_reasons_are_422(onboarding, new_member):
    case, member_id = await new_member()
    card = await onboarding.client.put(f"/api/members/{member_id}/card",
                                       json={"listed": True, "skills": [NUL]},
                                       headers=onboarding.staff())
    assert card.status_code == 422
    abandon = await onboarding.client.post(f"/api/cases/{case['id']}/abandon",
                                           json={"reason": NUL}, headers=onboarding.staff())
    assert abandon.status_code == 422
