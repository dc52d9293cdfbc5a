"""The app served by a real uvicorn on a free localhost port, for a browser or a fuzzer."""

import asyncio
import contextlib
import threading
import time
from collections.abc import AsyncIterator, Iterator

import uvicorn

from tests.support.waiting import wait_for


def _server(app) -> uvicorn.Server:
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_config=None, lifespan="on",
                            timeout_graceful_shutdown=5)
    return uvicorn.Server(config)


def _url(server: uvicorn.Server) -> str:
    port = server.servers[0].sockets[0].getsockname()[1]
    return f"http://127.0.0.1:{port}"


@contextlib.asynccontextmanager
async def served_in_task(app) -> AsyncIterator[str]:
    """On this event loop (the test's), as a task. Yields the base URL."""
    server = _server(app)
    task = asyncio.create_task(server.serve())
    await wait_for(lambda: server.started or task.done(), timeout=30, message="uvicorn started")
    if task.done():
        task.result()  # raises why it could not start
    try:
        yield _url(server)
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 15)


@contextlib.contextmanager
def served_in_thread(app) -> Iterator[str]:
    """On a thread with its own event loop, for synchronous callers (schemathesis)."""
    server = _server(app)
    thread = threading.Thread(target=server.run, name="prospects-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:  # polled, with a deadline
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        threading.Event().wait(0.05)
    try:
        yield _url(server)
    finally:
        server.should_exit = True
        thread.join(15)
