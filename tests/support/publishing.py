"""Publish CloudEvents to soho.events exactly as a service's relay does (structured content
type, message_id = event id, persistent, mandatory, publisher-confirmed)."""

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable

import aio_pika

from shared.bus.topology import declare_core
from shared.events import CONTENT_TYPE, CloudEvent


def relay_message(event: CloudEvent) -> aio_pika.Message:
    return aio_pika.Message(event.to_json_bytes(), content_type=CONTENT_TYPE,
                            message_id=str(event.id), type=event.type,
                            delivery_mode=aio_pika.DeliveryMode.PERSISTENT)


@contextlib.asynccontextmanager
async def event_publisher(amqp_url: str) -> AsyncIterator[Callable[..., Awaitable[None]]]:
    """`async with event_publisher(url) as send: await send(event, ...)`"""
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        exchange = await declare_core(await connection.channel(publisher_confirms=True))

        async def send(*events: CloudEvent) -> None:
            for event in events:
                await exchange.publish(relay_message(event), routing_key=event.type,
                                       mandatory=True)

        yield send
