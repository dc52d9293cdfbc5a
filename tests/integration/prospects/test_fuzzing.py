"""Schemathesis over the service's OpenAPI document, with a staff token: whatever it sends
(valid or not), no answer is a 5xx. Bounded: 12 examples per operation, about 160 requests
(PROSPECTS_FUZZ_EXAMPLES=500 for a deeper run by hand)."""

import os
import uuid

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from services.prospects.app import SERVICE
from shared.auth import Role, issue_token
from shared.http.app import create_app

from .conftest import GENEROUS
from .helpers import person
from .live_server import served_in_thread

# The document as the app builds it (building the app connects to nothing). The form, the
# API and the confirmation page; not the probes or the AsyncAPI page.
schema = schemathesis.openapi.from_dict(create_app(SERVICE).openapi()).include(
    path_regex=r"^/(api/.*|confirmation)?$")


@pytest.fixture(scope="module")
def live_api(database_url, amqp_url):
    config = SERVICE.settings(DATABASE_URL=database_url, AMQP_URL=amqp_url, **GENEROUS)
    with served_in_thread(create_app(SERVICE, config)) as url:
        yield url


@pytest.fixture(scope="module")
def staff_headers() -> dict[str, str]:
    return {"Authorization": "Bearer " + issue_token(os.environ["SOHO_SECRET"], Role.STAFF,
                                                     sub="fuzzer")}


@pytest.fixture(scope="module")
def known_prospect(live_api) -> str:
    """A real prospect, so the fuzzer's requests about one reach past the 404."""
    response = httpx.post(f"{live_api}/api/contacts", json=person(), timeout=10)
    return response.json()["prospect_id"]


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


@schema.parametrize()
@settings(max_examples=int(os.environ.get("PROSPECTS_FUZZ_EXAMPLES", 12)), deadline=None,
          suppress_health_check=list(HealthCheck))
def test_no_request_makes_a_server_error(case, live_api, staff_headers, known_prospect):
    params = case.path_parameters or {}
    # Valid ids point at the real prospect (erasing it would only make the rest 410s).
    if _is_uuid(params.get("prospect_id")) and case.method != "DELETE":
        params["prospect_id"] = known_prospect
    response = case.call(base_url=live_api, headers=staff_headers, timeout=10)
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:500]}")
