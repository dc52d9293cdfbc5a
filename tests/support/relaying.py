"""Running an outbox relay inside a test, and staging events as a service would."""

import asyncio

from shared.db import connect
from shared.outbox import OutboxRelay, stage_event


async def run_relay(relay: OutboxRelay) -> tuple[asyncio.Event, asyncio.Task]:
    stop = asyncio.Event()
    return stop, asyncio.create_task(relay.run(stop))


async def stop_relay(stop: asyncio.Event, task: asyncio.Task) -> None:
    stop.set()
    await asyncio.wait_for(task, 10)


async def stage(database_url: str, schema: str, *events) -> None:
    """The events committed into the schema's outbox, in one transaction."""
    conn = await connect(database_url, schema)
    try:
        async with conn.transaction():
            for event in events:
                await stage_event(conn, event)
    finally:
        await conn.close()
