"""Schemathesis over the dashboard's OpenAPI with a staff token: no input produces a 5xx,
and every answer matches the documented schema and status codes. The event stream never
ends, so it is left out.

The app runs in this test's event loop (its pool belongs to it); Hypothesis runs in a
worker thread and hands each generated request to the loop."""

import asyncio

import httpx
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (response_schema_conformance,
                                               status_code_conformance)

EXAMPLES_PER_OPERATION = 25
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


def send(loop: asyncio.AbstractEventLoop, client: httpx.AsyncClient, kwargs: dict):
    request = {k: kwargs[k] for k in ("method", "url", "headers", "params", "cookies")
               if k in kwargs}
    if "json" in kwargs:
        request["json"] = kwargs["json"]
    elif "data" in kwargs:
        request["data" if isinstance(kwargs["data"], dict) else "content"] = kwargs["data"]
    cookies = request.pop("cookies", None)
    if cookies:
        request.setdefault("headers", {})["Cookie"] = "; ".join(
            f"{k}={v}" for k, v in cookies.items())
    return asyncio.run_coroutine_threadsafe(client.request(**request), loop).result(30)


def fuzz(loop, client, schema, headers: dict) -> int:
    checked = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        strategy = operation.as_strategy(generation_mode=GenerationMode.POSITIVE) | \
            operation.as_strategy(generation_mode=GenerationMode.NEGATIVE)

        @given(case=strategy)
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case) -> None:
            kwargs = case.as_transport_kwargs(base_url="http://testserver", headers=headers)
            response = send(loop, client, kwargs)
            case.validate_response(response, checks=CHECKS)

        check()
        checked += 1
    return checked


async def test_no_input_gives_a_server_error_and_answers_match_the_schema(dashboard):
    document = (await dashboard.client.get("/openapi.json")).json()
    schema = schemathesis.openapi.from_dict(document).exclude(path="/api/events/stream")
    loop = asyncio.get_running_loop()
    checked = await asyncio.to_thread(fuzz, loop, dashboard.client, schema, dashboard.staff())
    assert checked >= 6  # /, /login, /logout, /partials/figures, /api/kpis(.csv), recent...
