"""Schemathesis over the prospects OpenAPI with a staff token: whatever it sends (valid or
not), no answer is a 5xx, and every answer matches the documented schema and status codes.
Path ids point at a real prospect, and valid forms carry a real form token (else every
form is a bot's and stops at the honeypot check)."""

import time

from services.prospects.web.form_guard import issue_token
from tests.support.openapi_fuzz import Identity, Target, fuzz

from .helpers import person


async def test_no_request_makes_a_server_error_and_answers_match_the_schema(prospects):
    created = await prospects.client.post("/api/contacts", json=person())
    assert created.status_code == 202, created.text
    form_token = issue_token(prospects.app.state.settings.secret, now=time.time() - 60)
    target = Target(
        {"prospect_id": created.json()["prospect_id"]},
        body_fields={"POST /": {"form_token": form_token, "website": ""}},
        # Erasing the prospect would leave only 410s for the rest.
        keep_free=frozenset({"DELETE /api/prospects/{prospect_id}"}))
    failures = await fuzz(prospects.client, [Identity("staff", prospects.staff())], target)
    assert failures == [], "\n\n".join(failures)
