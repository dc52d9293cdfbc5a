"""Reading the stream `soho.events.log` (every event ever published) from its first
message, with aio-pika: a stream is read with a prefetch and acknowledgements (they are its
flow control), from an offset given as `x-stream-offset`."""

import asyncio
import contextlib

import aio_pika
from aio_pika.abc import AbstractChannel, AbstractIncomingMessage

from shared.bus import topology

PREFETCH = 1000
# How long the last chunk of the stream may take to arrive; none by then: the stream is empty.
LAST_OFFSET_PROBE_SECONDS = 2.0
CHUNK_GAP_SECONDS = 0.3


async def connect(amqp_url: str) -> aio_pika.abc.AbstractRobustConnection:
    return await aio_pika.connect(amqp_url, timeout=10)


def offset_of(message: AbstractIncomingMessage) -> int:
    return int((message.headers or {}).get("x-stream-offset", -1))


def event_type_of(message: AbstractIncomingMessage) -> str:
    """The relays publish into the stream through the default exchange (routing key: the
    stream's name), with the AMQP `type` = the event type; events of brokers set up before
    that came through soho.events, routed by their type."""
    return message.type or message.routing_key or ""


async def _stream(channel: AbstractChannel) -> aio_pika.abc.AbstractQueue:
    await topology.declare_core(channel)  # the stream exists even on a new broker
    return await channel.get_queue(topology.EVENT_LOG_STREAM)


async def last_offset(connection: aio_pika.abc.AbstractConnection) -> int | None:
    """The offset of the stream's last message now, or None when it is empty. (Consuming
    from "last" delivers the stream's last chunk: its greatest offset is the last one.)"""
    channel = await connection.channel()
    await channel.set_qos(prefetch_count=PREFETCH)
    queue = await _stream(channel)
    offsets: asyncio.Queue[int] = asyncio.Queue()

    async def note(message: AbstractIncomingMessage) -> None:
        offsets.put_nowait(offset_of(message))
        await message.ack()

    tag = await queue.consume(note, arguments={"x-stream-offset": "last"})
    try:
        try:
            async with asyncio.timeout(LAST_OFFSET_PROBE_SECONDS):
                last = await offsets.get()
        except TimeoutError:
            return None
        with contextlib.suppress(TimeoutError):
            while True:
                async with asyncio.timeout(CHUNK_GAP_SECONDS):
                    last = max(last, await offsets.get())
        return last
    finally:
        await queue.cancel(tag)
        await channel.close()


class StreamReader:
    """Delivers the stream from its first message, in batches, to whoever asks."""

    def __init__(self, connection: aio_pika.abc.AbstractConnection):
        self.connection = connection
        self._messages: asyncio.Queue[AbstractIncomingMessage] = asyncio.Queue()

    async def start(self) -> None:
        self.channel = await self.connection.channel()
        await self.channel.set_qos(prefetch_count=PREFETCH)
        queue = await _stream(self.channel)
        await queue.consume(self._messages.put, arguments={"x-stream-offset": "first"})

    async def next_batch(self, max_size: int, wait: float) -> list[AbstractIncomingMessage]:
        """Up to `max_size` messages; waits at most `wait` seconds for the first one."""
        try:
            async with asyncio.timeout(wait):  # not wait_for: it can swallow a cancel
                batch = [await self._messages.get()]
        except TimeoutError:
            return []
        while len(batch) < max_size and not self._messages.empty():
            batch.append(self._messages.get_nowait())
        return batch

    async def done_with(self, batch: list[AbstractIncomingMessage]) -> None:
        if batch:
            await batch[-1].ack(multiple=True)

    async def close(self) -> None:
        await self.channel.close()
