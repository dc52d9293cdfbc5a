"""Schemathesis over the service's OpenAPI, with staff and solo tokens: no 5xx, ever.

The app runs in this test's event loop (with its pool and consumers) behind a real uvicorn
server; schemathesis, which is synchronous, sends its requests from a worker thread."""

import asyncio
import time

import schemathesis
import uvicorn
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation import GenerationMode

from tests.support.waiting import wait_for

from .support import new_desk, new_members, new_place

EXAMPLES = 12  # per operation, generation mode and token; the whole run stays under a minute


def fuzz(schema_dict: dict, base_url: str, header_sets: list[dict], place: str,
         budget_seconds: float) -> list[str]:
    """Every operation, positive and negative data, each token; returns the 5xx seen."""
    schema = schemathesis.openapi.from_dict(schema_dict)
    failures: list[str] = []
    deadline = time.monotonic() + budget_seconds
    for result in schema.get_all_operations():
        operation = result.ok()
        fixed = ({"telecentre_id": place}
                 if "{telecentre_id}" in operation.path else None)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            for path_parameters in (None, fixed) if fixed else (None,):
                strategy = operation.as_strategy(generation_mode=mode,
                                                 path_parameters=path_parameters)

                @settings(max_examples=EXAMPLES, deadline=None, database=None,
                          phases=[Phase.explicit, Phase.generate],
                          suppress_health_check=list(HealthCheck))
                @given(case=strategy)
                def check(case) -> None:
                    for headers in header_sets:
                        response = case.call(base_url=base_url, headers=headers, timeout=15)
                        if response.status_code >= 500:
                            failures.append(f"{response.status_code} {case.method} "
                                            f"{case.formatted_path} {case.body!r}: "
                                            f"{response.text[:200]}")

                if time.monotonic() < deadline:
                    try:
                        check()
                    except Unsatisfiable:  # nothing negative to send (no parameters, no body)
                        pass
    return failures


async def test_no_input_produces_a_server_error(service, amqp_url):
    [member] = await new_members(service, amqp_url)
    place = await new_place(service)
    await new_desk(service, place)
    server = uvicorn.Server(uvicorn.Config(service.app, host="127.0.0.1", port=0,
                                           lifespan="off", log_level="warning"))
    serving = asyncio.create_task(server.serve())
    try:
        await wait_for(lambda: server.started, timeout=10, message="uvicorn started")
        port = server.servers[0].sockets[0].getsockname()[1]
        base_url = f"http://127.0.0.1:{port}"
        failures = await asyncio.to_thread(
            fuzz, service.app.openapi(), base_url, [service.staff(), service.solo(member)],
            str(place), 50)
    finally:
        server.should_exit = True
        await asyncio.wait_for(serving, 15)
    assert failures == []
