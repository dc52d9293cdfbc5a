"""Bad input gets a clear 4xx naming the problem, never a 500, and nothing is written."""

import json

import pytest

from .helpers import counts, person


@pytest.fixture
async def nothing_written(db):
    before = await counts(db)
    yield
    assert await counts(db) == before, "a refused request wrote something"


def raw(body: bytes, content_type: str = "application/json") -> dict:
    return {"content": body, "headers": {"Content-Type": content_type}}


@pytest.mark.parametrize("changes, field", [
    ({"first_name": 42}, "first_name"),
    ({"email": ["a@example.org"]}, "email"),
    ({"consent": "true"}, "consent"),
    ({"consent": False}, "consent"),
    ({"household_size": "four"}, "household_size"),
    ({"household_size": 2**63}, "household_size"),
    ({"desired_villages": "32013"}, "desired_villages"),
    ({"desired_villages": ["32013", 32107]}, "desired_villages"),
    ({"desired_villages": ["00000"]}, "desired_villages"),
    ({"origin_country": "ZZ"}, "origin_country"),
    ({"first_name": "Nul\x00Byte"}, "first_name"),
    ({"message": "\x00"}, "message"),
    ({"first_name": "x" * 100_000}, "first_name"),
    ({"message": "é" * 200_000}, "message"),
    ({"desired_villages": ["32013"] * 5000}, "desired_villages"),
])
async def test_a_bad_field_is_a_422_naming_it(prospects, nothing_written, changes, field):
    response = await prospects.client.post("/api/contacts", json=person(**changes))
    assert response.status_code == 422, response.text
    assert field in {e["loc"][1] for e in response.json()["detail"]}


async def test_half_a_surrogate_pair_is_a_422_naming_the_field(prospects, nothing_written):
    body = json.dumps(person(last_name="\ud83d")).encode()  # JSON escapes it: \\ud83d
    response = await prospects.client.post("/api/contacts", **raw(body))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "last_name"]


@pytest.mark.parametrize("body", [
    b'{"first_name": "Camille",', b"not json at all", b"", b"[]", b"null", b'"a string"',
    b'{"first_name": "\xff\xfe"}',  # invalid UTF-8
    b"\xc3\x28\xa0\xa1",
    b'{"first_name": "\\ud800", "last_name": "x", "email": "x@example.org", "consent": true}',
])
async def test_malformed_json_is_a_4xx(prospects, nothing_written, body):
    response = await prospects.client.post("/api/contacts", **raw(body))
    assert 400 <= response.status_code < 500, response.text


async def test_a_form_encoded_body_on_the_api_is_a_4xx(prospects, nothing_written):
    response = await prospects.client.post("/api/contacts", **raw(
        b"first_name=a&last_name=b", "application/x-www-form-urlencoded"))
    assert 400 <= response.status_code < 500


async def test_a_2_mb_body_is_a_413(prospects, nothing_written):
    body = json.dumps(person(message="x" * 2_000_000)).encode()
    response = await prospects.client.post("/api/contacts", **raw(body))
    assert response.status_code == 413


async def test_a_2_mb_form_is_a_413(prospects, nothing_written):
    body = b"first_name=" + b"x" * 2_000_000
    response = await prospects.client.post("/", **raw(body, "application/x-www-form-urlencoded"))
    assert response.status_code == 413


@pytest.mark.parametrize("key", ["", "x" * 201, "clé-accentuée", "two words"])
async def test_a_bad_idempotency_key_is_a_422(prospects, nothing_written, key):
    response = await prospects.client.post("/api/contacts", json=person(),
                                           headers={"Idempotency-Key": key.encode()})
    assert response.status_code == 422
    assert "Idempotency-Key" in str(response.json()["detail"])


@pytest.mark.parametrize("query", [
    "q=%00abc", "q=a", "q=" + "x" * 101, "stage=ready", "limit=0", "limit=100000",
    "limit=ten", "sort=email", "cursor=nonsense", "cursor=" + "x" * 2000, "village=75056",
    "origin_country=Narnia", "assigned_to=%00", "sector=%ff",
])
async def test_bad_list_queries_are_4xx(prospects, query):
    response = await prospects.client.get(f"/api/prospects?{query}",
                                          headers=prospects.staff())
    assert response.status_code == 422, response.text


@pytest.mark.parametrize("path", ["/api/prospects/not-a-uuid", "/api/prospects/%00",
                                  "/api/prospects/123/export"])
async def test_a_bad_prospect_id_is_a_422(prospects, path):
    assert (await prospects.client.get(path, headers=prospects.staff())).status_code == 422


async def test_the_form_with_nul_bytes_and_broken_utf8_is_answered_not_crashed(
        prospects, nothing_written):
    body = b"first_name=%00&last_name=%ff%fe&email=%c3%28&form_token=x&consent=yes"
    response = await prospects.client.post("/", **raw(body, "application/x-www-form-urlencoded"))
    assert response.status_code in (303, 422)  # a forged token is a bot: the same 303
