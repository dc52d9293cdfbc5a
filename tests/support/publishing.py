"""Publish CloudEvents exactly as a service's relay does (shared/outbox/relay.py): without
their personal fields into the stream soho.events.log (the event log, mandatory), then whole
on soho.events, each with the structured content type, message_id = event id, type = event
type, persistent, publisher-confirmed."""

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable

import aio_pika

from shared.bus.topology import EVENT_LOG_STREAM, declare_core
from shared.events import CONTENT_TYPE, CloudEvent
from shared.events.history import for_history


def relay_message(event: CloudEvent, body: bytes | None = None) -> aio_pika.Message:
    return aio_pika.Message(event.to_json_bytes() if body is None else body,
                            content_type=CONTENT_TYPE, message_id=str(event.id),
                            type=event.type, delivery_mode=aio_pika.DeliveryMode.PERSISTENT)


@contextlib.asynccontextmanager
async def event_publisher(amqp_url: str) -> AsyncIterator[Callable[..., Awaitable[None]]]:
    """`async with event_publisher(url) as send: await send(event, ...)`"""
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        channel = await connection.channel(publisher_confirms=True)
        exchange = await declare_core(channel)

        async def send(*events: CloudEvent) -> None:
            for event in events:  # in the relay's order: the history first
                body = for_history(event.type, event.to_json_bytes())
                await channel.default_exchange.publish(
                    relay_message(event, body), routing_key=EVENT_LOG_STREAM, mandatory=True)
                await exchange.publish(relay_message(event), routing_key=event.type,
                                       mandatory=False)

        yield send
