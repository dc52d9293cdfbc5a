"""Schemathesis over onboarding's OpenAPI with a staff token: no input produces a 5xx,
and every answer matches the documented schema and status codes.

The app runs in this test's event loop (its pool belongs to it); Hypothesis runs in a
worker thread and hands each generated request to the loop."""

import asyncio
import uuid

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (response_schema_conformance,
                                               status_code_conformance)

from services.onboarding.store.villages import PROFILE_COLUMNS

EXAMPLES_PER_OPERATION = 20
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


def send(loop: asyncio.AbstractEventLoop, client: httpx.AsyncClient, kwargs: dict):
    request = {k: kwargs[k] for k in ("method", "url", "headers", "params") if k in kwargs}
    if "json" in kwargs:
        request["json"] = kwargs["json"]
    elif "data" in kwargs:
        request["content"] = kwargs["data"]
    return asyncio.run_coroutine_threadsafe(client.request(**request), loop).result(30)


def fuzz(loop, client, schema, headers: dict, fixed: dict[str, str]) -> None:
    """Every operation, valid and invalid inputs; path ids taken from `fixed` when the
    operation has that parameter (so requests reach real cases and members)."""
    for result in schema.get_all_operations():
        operation = result.ok()
        names = {p.name for p in operation.path_parameters}
        path_parameters = {k: v for k, v in fixed.items() if k in names}
        strategy = operation.as_strategy(
            generation_mode=GenerationMode.POSITIVE, path_parameters=path_parameters
        ) | operation.as_strategy(generation_mode=GenerationMode.NEGATIVE,
                                  path_parameters=path_parameters)

        @given(case=strategy)
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case) -> None:
            kwargs = case.as_transport_kwargs(base_url="http://testserver", headers=headers)
            response = send(loop, client, kwargs)
            case.validate_response(response, checks=CHECKS)

        check()


@pytest.fixture
async def villages_restored(db):
    """The fuzzer edits villages at random: put their profiles back for the other tests."""
    snapshot = await db.fetch(f"SELECT insee_code, {', '.join(PROFILE_COLUMNS)}, "
                              "committee_email, committee_locale, committee_webhook_url "
                              "FROM villages")
    yield
    columns = [*PROFILE_COLUMNS, "committee_email", "committee_locale", "committee_webhook_url"]
    sets = ", ".join(f"{c} = ${i + 2}" for i, c in enumerate(columns))
    await db.executemany(f"UPDATE villages SET {sets} WHERE insee_code = $1",
                         [tuple(row.values()) for row in snapshot])


async def test_no_input_gives_a_server_error_and_answers_match_the_schema(
        onboarding, new_member, villages_restored):
    case, member_id = await new_member()
    schema = schemathesis.openapi.from_dict(
        (await onboarding.client.get("/openapi.json")).json())
    schema = schema.include(path_regex="^/api/")
    loop = asyncio.get_running_loop()
    fixed = {"case_id": case["id"], "member_id": str(member_id), "insee_code": "32013"}
    await asyncio.to_thread(fuzz, loop, onboarding.client, schema, onboarding.staff(), fixed)
    await asyncio.to_thread(fuzz, loop, onboarding.client, schema, onboarding.staff(),
                            {"case_id": str(uuid.uuid4())})
