"""Every event in this run's stream soho.events.log, read the way any program may read it."""

import asyncio
from typing import Any

import aio_pika

from services.dashboard.adapters.event_stream import event_type_of, last_offset
from services.dashboard.domain.incoming import parse
from shared.bus.topology import EVENT_LOG_STREAM
from shared.events import CloudEvent


async def events_in_stream(amqp_url: str) -> list[CloudEvent[Any]]:
    """The dashboard's event types in the stream, in stream order (duplicates included)."""
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        last = await last_offset(connection)
        if last is None:
            return []
        channel = await connection.channel()
        await channel.set_qos(prefetch_count=500)
        queue = await channel.get_queue(EVENT_LOG_STREAM)
        events: list[CloudEvent[Any]] = []
        reached = asyncio.Event()

        async def take(message: aio_pika.abc.AbstractIncomingMessage) -> None:
            event = parse(event_type_of(message), message.body)
            if event is not None:
                events.append(event)
            await message.ack()
            if message.headers["x-stream-offset"] >= last:
                reached.set()

        await queue.consume(take, arguments={"x-stream-offset": "first"})
        await asyncio.wait_for(reached.wait(), 60)
        return events
