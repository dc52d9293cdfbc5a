"""Tokens and the 401/403 rules, on a tiny app (no I/O beyond memory)."""

import uuid
from datetime import timedelta
from types import SimpleNamespace

import httpx
import jwt
import pytest
from fastapi import FastAPI

from shared.auth import (FORWARDED_IDENTITY, AnyPrincipal, InvalidToken, Role, StaffPrincipal,
                         decode_token, issue_token)

SECRET = "unit-test-secret-long-enough-for-hs256"


def test_a_token_carries_its_role_and_scope():
    member = uuid.uuid4()
    principal = decode_token(SECRET, issue_token(SECRET, Role.SOLO, member=member))
    assert principal.role is Role.SOLO and principal.member == member
    committee = decode_token(SECRET, issue_token(SECRET, Role.COMMITTEE, village="32013"))
    assert committee.village == "32013" and committee.sub == "committee:32013"


@pytest.mark.parametrize("token", [
    issue_token("another-secret-also-long-enough-for-it", Role.STAFF),
    issue_token(SECRET, Role.STAFF, ttl=timedelta(seconds=-1)),
    jwt.encode({"role": "staff", "sub": "x"}, SECRET, algorithm="HS256"),  # no exp, iss, aud
    jwt.encode({"role": "admin", "sub": "x", "iss": "soho", "aud": "soho-platform",
                "iat": 0, "exp": 4102444800}, SECRET, algorithm="HS256"),  # unknown role
    "not.a.token",
])
def test_bad_tokens_are_refused(token):
    with pytest.raises(InvalidToken):
        decode_token(SECRET, token)


def test_scoped_tokens_need_their_scope():
    with pytest.raises(ValueError):
        issue_token(SECRET, Role.COMMITTEE)
    with pytest.raises(ValueError):
        issue_token(SECRET, Role.SOLO)


@pytest.fixture
async def client():
    app = FastAPI()
    app.state.settings = SimpleNamespace(secret=SECRET)

    @app.get("/staff-only")
    async def staff_only(principal: StaffPrincipal) -> dict:
        return {"sub": principal.sub}

    @app.get("/anyone")
    async def anyone(principal: AnyPrincipal) -> dict:
        return {"role": principal.role}

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://t") as c:
        yield c


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


async def test_no_token_or_a_bad_one_is_401_with_a_challenge(client):
    for headers in ({}, bearer("garbage"), bearer(issue_token("wrong-secret-but-long-enough-for-hs256", Role.STAFF))):
        response = await client.get("/staff-only", headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"


async def test_a_valid_token_of_the_wrong_role_is_403(client):
    committee = issue_token(SECRET, Role.COMMITTEE, village="32013")
    assert (await client.get("/staff-only", headers=bearer(committee))).status_code == 403
    assert (await client.get("/anyone", headers=bearer(committee))).json() == {
        "role": "committee"}
    staff = issue_token(SECRET, Role.STAFF, sub="marie")
    assert (await client.get("/staff-only", headers=bearer(staff))).json() == {"sub": "marie"}


def forwarded(token: str) -> dict:
    return {FORWARDED_IDENTITY: token}


async def test_a_person_signed_in_at_the_front_door_is_checked_like_a_program(client):
    """The token identity hands the front door for a session is read the one same way."""
    staff = issue_token(SECRET, Role.STAFF, sub="acc-1", name="Anne Lafitte", admin=True,
                        account="6f1c8e8a-0000-4000-8000-000000000001")
    assert (await client.get("/staff-only", headers=forwarded(staff))).json() == {
        "sub": "acc-1"}
    principal = decode_token(SECRET, staff)
    assert principal.name == "Anne Lafitte" and principal.admin
    assert str(principal.account) == "6f1c8e8a-0000-4000-8000-000000000001"
    solo = issue_token(SECRET, Role.SOLO, member="6f1c8e8a-0000-4000-8000-000000000002")
    assert (await client.get("/staff-only", headers=forwarded(solo))).status_code == 403
    forged = issue_token("another-secret-long-enough-for-hs256!!", Role.STAFF)
    assert (await client.get("/staff-only", headers=forwarded(forged))).status_code == 401


async def test_a_programs_bearer_token_wins_over_a_forwarded_one(client):
    staff = issue_token(SECRET, Role.STAFF, sub="program")
    committee = issue_token(SECRET, Role.COMMITTEE, village="32013")
    answer = await client.get("/anyone", headers={**bearer(committee), **forwarded(staff)})
    assert answer.json() == {"role": "committee"}
