"""The dashboard served by a real uvicorn on a free localhost port (a browser, or a client
reading the event stream, needs a real server)."""

import asyncio
import contextlib
from collections.abc import AsyncIterator

import uvicorn

from services.dashboard.app import SERVICE
from shared.http.app import create_app
from tests.support.waiting import wait_for


@contextlib.asynccontextmanager
async def served(database_url: str, amqp_url: str) -> AsyncIterator[str]:
    """On this event loop, as a task. Yields the base URL."""
    app = create_app(SERVICE, SERVICE.settings(DATABASE_URL=database_url, AMQP_URL=amqp_url))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_config=None,
                                           lifespan="on", timeout_graceful_shutdown=3))
    task = asyncio.create_task(server.serve())
    await wait_for(lambda: server.started or task.done(), timeout=30, message="uvicorn started")
    if task.done():
        task.result()  # raises why it could not start
    await wait_for(lambda: app.state.bus.started.is_set(), timeout=30,
                   message="dashboard connected to the broker")
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 15)
