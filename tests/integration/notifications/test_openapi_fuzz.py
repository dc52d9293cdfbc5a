"""Schemathesis over the service's OpenAPI with a staff token: no input gives a 5xx.

The app runs in this test's event loop behind a real uvicorn server; schemathesis, which
is synchronous, sends its requests from a worker thread. Bounded: a few examples per
operation and generation mode, and a time budget."""

import asyncio
import time

import schemathesis
import uvicorn
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation import GenerationMode

from tests.support.waiting import wait_for

from .events import contact_received

EXAMPLES = 15
BUDGET_SECONDS = 60


def fuzz(schema_dict: dict, base_url: str, headers: dict) -> list[str]:
    schema = schemathesis.openapi.from_dict(schema_dict)
    failures: list[str] = []
    deadline = time.monotonic() + BUDGET_SECONDS
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @settings(max_examples=EXAMPLES, deadline=None, database=None,
                      phases=[Phase.explicit, Phase.generate],
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def check(case) -> None:
                response = case.call(base_url=base_url, headers=headers, timeout=15)
                if response.status_code >= 500:
                    failures.append(f"{response.status_code} {case.method} {case.formatted_path}"
                                    f" {case.body!r}: {response.text[:200]}")

            if time.monotonic() < deadline:
                try:
                    check()
                except Unsatisfiable:  # nothing negative to send for this operation
                    pass
    return failures


async def test_no_input_produces_a_server_error(service, smtp_server, publish):
    async with service(smtp_server.url) as svc:
        event = contact_received()
        await publish(event)  # some log entries to page through
        await smtp_server.wait_for_messages(to=event.data.email)
        server = uvicorn.Server(uvicorn.Config(svc.app, host="127.0.0.1", port=0,
                                               lifespan="off", log_level="warning"))
        serving = asyncio.create_task(server.serve())
        try:
            await wait_for(lambda: server.started, timeout=10, message="uvicorn started")
            port = server.servers[0].sockets[0].getsockname()[1]
            failures = await asyncio.to_thread(fuzz, svc.app.openapi(),
                                               f"http://127.0.0.1:{port}", svc.staff())
        finally:
            server.should_exit = True
            await asyncio.wait_for(serving, 15)
    assert failures == []
