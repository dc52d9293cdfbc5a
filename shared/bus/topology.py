"""Names and declarations of the bus, declared idempotently by whoever starts first.

- `soho.events`: the one durable topic exchange; routing key = event type.
- `<consumer>.<event type>`: a platform consumer's durable quorum queue, with a delivery
  limit; a message that keeps failing is dead-lettered through `soho.dlx` (direct) with the
  queue's own name as routing key into `<queue>.dlq`.
- `soho.events.log`: a stream that keeps every event, so history can be replayed (dashboard
  rebuild). It is bound to no exchange: the relay publishes each event to it a second time,
  through the default exchange, without the fields that say who a person is
  (shared/events/history.py), so that erasure has nothing to reach there.
"""

from typing import TYPE_CHECKING

import aio_pika
from aio_pika.abc import AbstractChannel

if TYPE_CHECKING:  # imported where used: a relay never loads FastStream (about 6 MB)
    from faststream.rabbit import RabbitExchange, RabbitQueue

EVENTS_EXCHANGE = "soho.events"
DEAD_LETTER_EXCHANGE = "soho.dlx"
EVENT_LOG_STREAM = "soho.events.log"
# Deliveries of one message before the broker dead-letters it (redeliveries after a crash count).
DELIVERY_LIMIT = 5
EVENT_LOG_MAX_BYTES = 5 * 1024**3
# Unacknowledged deliveries per consumer channel: enough to keep a consumer busy, few
# enough that copies of a consumer share the work and a slow one hoards little.
CONSUMER_PREFETCH = 50


def consumer_queue_name(consumer: str, event_type: str) -> str:
    return f"{consumer}.{event_type}"


def dead_letter_queue_name(queue: str) -> str:
    return f"{queue}.dlq"


def consumer_queue_arguments(queue: str) -> dict:
    return {
        "x-queue-type": "quorum",
        "x-delivery-limit": DELIVERY_LIMIT,
        "x-dead-letter-exchange": DEAD_LETTER_EXCHANGE,
        "x-dead-letter-routing-key": queue,
    }


def events_exchange() -> "RabbitExchange":
    from faststream.rabbit import ExchangeType, RabbitExchange

    return RabbitExchange(EVENTS_EXCHANGE, type=ExchangeType.TOPIC, durable=True)


def consumer_queue(consumer: str, event_type: str) -> "RabbitQueue":
    """The FastStream declaration of a consumer's queue (FastStream declares and binds it)."""
    from faststream.rabbit import QueueType, RabbitQueue

    name = consumer_queue_name(consumer, event_type)
    return RabbitQueue(
        name,
        queue_type=QueueType.QUORUM,
        durable=True,
        arguments=consumer_queue_arguments(name),
        routing_key=event_type,
    )


async def declare_core(channel: AbstractChannel) -> aio_pika.abc.AbstractExchange:
    """Exchanges and the event log stream; returns the events exchange."""
    events = await channel.declare_exchange(
        EVENTS_EXCHANGE, aio_pika.ExchangeType.TOPIC, durable=True
    )
    await channel.declare_exchange(DEAD_LETTER_EXCHANGE, aio_pika.ExchangeType.DIRECT, durable=True)
    log = await channel.declare_queue(
        EVENT_LOG_STREAM,
        durable=True,
        arguments={"x-queue-type": "stream", "x-max-length-bytes": EVENT_LOG_MAX_BYTES},
    )
    # The stream once took every event whole from soho.events; a broker set up before then
    # still has that binding (unbinding one that does not exist is a no-op).
    await log.unbind(events, routing_key="#")
    return events


async def declare_consumer_queue(
    channel: AbstractChannel, consumer: str, event_type: str, exchange: str = EVENTS_EXCHANGE
) -> None:
    """The consumer's queue, bound to the exchange, and its dead-letter queue."""
    await declare_core(channel)
    name = consumer_queue_name(consumer, event_type)
    queue = await channel.declare_queue(name, durable=True, arguments=consumer_queue_arguments(name))
    await queue.bind(exchange, routing_key=event_type)
    await declare_dead_letter_queue(channel, name)


async def declare_dead_letter_queue(channel: AbstractChannel, queue: str) -> None:
    # Classic, not quorum: looking at a dead letter must never count towards a delivery
    # limit (RabbitMQ 4 gives quorum queues one by default) and drop it.
    dlq = await channel.declare_queue(
        dead_letter_queue_name(queue), durable=True, arguments={"x-queue-type": "classic"}
    )
    await dlq.bind(DEAD_LETTER_EXCHANGE, routing_key=queue)
