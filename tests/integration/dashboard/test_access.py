"""Staff only: no token or a bad one 401, a committee or solo token 403, by bearer header
or by the sign-in cookie."""

import pytest

from shared.auth import Role, issue_token

COOKIE = "soho_staff"
ROUTES = ["/api/kpis", "/api/kpis.csv", "/api/events/recent", "/api/events/stream",
          "/partials/figures"]
MEMBER = "8e0f1c56-62a7-4b9e-9d35-0d6a1c3f1b11"


@pytest.mark.parametrize("path", ROUTES)
async def test_no_token_or_a_bad_one_is_401(dashboard, path):
    assert (await dashboard.client.get(path)).status_code == 401
    forged = issue_token("another-secret-of-at-least-32-bytes!!", Role.STAFF)
    for headers in ({"Authorization": f"Bearer {forged}"}, {"Cookie": f"{COOKIE}={forged}"},
                    {"Authorization": "Bearer not.a.token"}):
        assert (await dashboard.client.get(path, headers=headers)).status_code == 401


@pytest.mark.parametrize("path", ROUTES)
@pytest.mark.parametrize("role, scope", [(Role.COMMITTEE, {"village": "32013"}),
                                         (Role.SOLO, {"member": MEMBER})])
async def test_committee_and_solo_tokens_are_403(dashboard, path, role, scope):
    headers = dashboard.token(role, **scope)
    assert (await dashboard.client.get(path, headers=headers)).status_code == 403
    cookie = {"Cookie": f"{COOKIE}={headers['Authorization'].removeprefix('Bearer ')}"}
    assert (await dashboard.client.get(path, headers=cookie)).status_code == 403


async def test_the_staff_cookie_opens_the_api_too(dashboard):
    token = dashboard.staff()["Authorization"].removeprefix("Bearer ")
    answer = await dashboard.client.get("/api/kpis", headers={"Cookie": f"{COOKIE}={token}"})
    assert answer.status_code == 200 and "contacts" in answer.json()
