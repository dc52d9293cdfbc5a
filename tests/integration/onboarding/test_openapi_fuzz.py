"""Schemathesis over onboarding's OpenAPI: no input produces a 5xx, and every answer matches
the documented schema and status codes. Staff on every route; a committee on its village's
routes and a solo on the members' routes, whose code paths differ; path ids point at a real
case, member and village."""

import pytest

from services.onboarding.store.villages import PROFILE_COLUMNS
from tests.support.openapi_fuzz import Identity, Target, fuzz

VILLAGE = "32013"


@pytest.fixture
async def villages_restored(db):
    """The fuzzer edits villages at random: put their profiles back for the other tests."""
    columns = [*PROFILE_COLUMNS, "committee_email", "committee_locale", "committee_webhook_url"]
    snapshot = await db.fetch(f"SELECT insee_code, {', '.join(columns)} FROM villages")
    yield
    sets = ", ".join(f"{c} = ${i + 2}" for i, c in enumerate(columns))
    await db.executemany(f"UPDATE villages SET {sets} WHERE insee_code = $1",
                         [tuple(row.values()) for row in snapshot])


async def test_no_input_gives_a_server_error_and_answers_match_the_schema(
        onboarding, new_member, villages_restored):
    case, member_id = await new_member(VILLAGE)
    identities = [
        Identity("staff", onboarding.staff()),
        Identity("committee", onboarding.committee(VILLAGE), r"\w+ /api/villages/"),
        Identity("solo", onboarding.solo(member_id), r"\w+ /api/members"),
    ]
    target = Target({"case_id": case["id"], "member_id": str(member_id), "insee_code": VILLAGE})
    failures = await fuzz(onboarding.client, identities, target)
    assert failures == [], "\n\n".join(failures)
