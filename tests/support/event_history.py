"""Reading the platform's event history (the stream soho.events.log) the way any program
may: from a moment on, until the events asked for are there."""

import asyncio
import json
from dataclasses import dataclass
from datetime import datetime

import aio_pika

from shared.bus.topology import EVENT_LOG_STREAM


@dataclass(frozen=True)
class HistoryCopy:
    amqp_type: str | None
    routing_key: str | None
    body: dict


async def history_copies(amqp_url: str, since: datetime, event_ids: set[str],
                         timeout: float = 30) -> dict[str, HistoryCopy]:
    """The first copy of each of `event_ids` published into the stream at `since` or later
    (a stream offset by time has a one-second granularity: start a little earlier)."""
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        channel = await connection.channel()
        await channel.set_qos(prefetch_count=500)
        stream = await channel.get_queue(EVENT_LOG_STREAM)
        found: dict[str, HistoryCopy] = {}
        complete = asyncio.Event()

        async def look(message: aio_pika.abc.AbstractIncomingMessage) -> None:
            body = json.loads(message.body)
            if body.get("id") in event_ids and body["id"] not in found:
                found[body["id"]] = HistoryCopy(message.type, message.routing_key, body)
                if len(found) == len(event_ids):
                    complete.set()
            await message.ack()

        await stream.consume(look, arguments={"x-stream-offset": since})
        try:
            await asyncio.wait_for(complete.wait(), timeout)
        except TimeoutError:
            raise AssertionError(f"not in the stream after {timeout} s: "
                                 f"{sorted(event_ids - set(found))}") from None
    return found
