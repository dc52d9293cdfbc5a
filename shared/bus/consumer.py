"""Idempotent event consumers on FastStream subscribers.

`EventConsumers(broker, "notifications", pool).on(ContactReceived)` subscribes a handler to
the durable quorum queue `notifications.contact.received`. For each delivery it:
- parses the CloudEvent (the handler's signature carries its type, so the service's
  AsyncAPI document shows it); a malformed one can never succeed: it is dead-lettered at once;
- runs the handler inside the inbox transaction: a duplicate is acknowledged and skipped
  (deliveries that arrive together share one transaction: shared/bus/batching.py);
- when the database is unreachable or another transaction got in the way (deadlock), keeps
  the message and tries again in place, with backoff: an outage must not use up deliveries;
- on any other exception, waits a moment (longer on each redelivery) and requeues it; the
  queue's delivery limit then moves a poison message to its `.dlq` while the rest flows.
The message is acknowledged only after the transaction committed: a crash before that
means a redelivery, which the inbox turns into a no-op if the effect already committed.
"""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg
import structlog
from aio_pika.abc import AbstractChannel
from faststream import AckPolicy
from faststream.exceptions import NackMessage, RejectMessage
from faststream.rabbit import RabbitBroker, RabbitMessage
from pydantic import ValidationError

from shared.bus import topology
from shared.bus.batching import InboxBatcher
from shared.config import ServiceSettings
from shared.correlation import bind_correlation_id
from shared.db import DATABASE_UNAVAILABLE, TRANSACTION_CONFLICT
from shared.events import CloudEvent, EventData
from shared.metrics import EVENTS_CONSUMED

log = structlog.get_logger("soho.consumer")

Handler = Callable[[asyncpg.Connection, CloudEvent[Any]], Awaitable[None]]


def redelivery_backoff(delivery_count: int) -> float:
    """Seconds to hold a failed message before requeueing it (0.2 s, doubling, 5 s at most)."""
    return min(0.2 * 2**delivery_count, 5.0)


def outage_backoff(attempt: int) -> float:
    """Seconds before trying an event again in place while the database is away
    (0.5 s, doubling, 10 s at most)."""
    return min(0.5 * 2 ** (attempt - 1), 10.0)


TRY_AGAIN_IN_PLACE = (*DATABASE_UNAVAILABLE, *TRANSACTION_CONFLICT)
# About ten minutes of outage; then the message is requeued like any failure, so an
# error that only looks like an outage still ends in the dead-letter queue.
MAX_ATTEMPTS_IN_PLACE = 65


class EventConsumers:
    def __init__(self, broker: RabbitBroker, consumer: str, pool: Callable[[], asyncpg.Pool],
                 settings: ServiceSettings | None = None):
        self.broker = broker
        self.consumer = consumer
        self._pool = pool
        self.settings = settings  # the service's settings, for handlers that need them
        self.queues: list[str] = []
        self.event_types: list[str] = []  # in the order of `queues`
        self.models: list[type[EventData]] = []  # what each queue's events are parsed with

    def on(self, data_model: type[EventData]) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            self._subscribe(data_model, handler)
            return handler

        return register

    async def declare_dead_letter_queues(self, channel: AbstractChannel) -> None:
        await topology.declare_core(channel)
        for queue in self.queues:
            await topology.declare_dead_letter_queue(channel, queue)

    def _subscribe(self, data_model: type[EventData], handler: Handler) -> None:
        queue = topology.consumer_queue(self.consumer, data_model.event_type)
        self.queues.append(queue.name)
        self.event_types.append(data_model.event_type)
        self.models.append(data_model)
        batcher = InboxBatcher(self._pool, queue.name, handler, topology.CONSUMER_PREFETCH)
        envelope = CloudEvent[data_model]  # type: ignore[valid-type]

        async def decode(message: RabbitMessage) -> CloudEvent[Any]:
            """Parse the CloudEvent ourselves (FastStream does not know its content type);
            a malformed one can never succeed: reject it, straight to the dead-letter queue."""
            try:
                return envelope.model_validate_json(message.body)
            except ValidationError as exc:
                log.error("event.malformed", queue=queue.name, message_id=message.message_id,
                          errors=exc.errors(include_url=False, include_input=False))
                EVENTS_CONSUMED.labels(queue=queue.name, outcome="malformed").inc()
                raise RejectMessage() from None

        async def deliver(event: envelope) -> None:  # type: ignore[valid-type]
            # The raw message from the context, not injected: injection costs a quarter of
            # the consumer's CPU per event (measured in bench/bus.py).
            message: RabbitMessage = self.broker.context.get_local("message")
            await self._deliver(queue.name, event, batcher, message)

        deliver.__doc__ = (handler.__doc__ or "").strip() or f"Handles {data_model.event_type}."
        self.broker.subscriber(
            queue,
            topology.events_exchange(),
            ack_policy=AckPolicy.REJECT_ON_ERROR,
            decoder=decode,
            title=f"{queue.name}:consume",
        )(deliver)

    async def _deliver(self, queue: str, event: CloudEvent[Any], batcher: InboxBatcher,
                       message: RabbitMessage) -> None:
        structlog.contextvars.clear_contextvars()
        correlation_id = bind_correlation_id(event.correlationid or message.correlation_id)
        structlog.contextvars.bind_contextvars(event_id=str(event.id), event_type=event.type)
        attempt = 0
        while True:
            try:
                ran = await batcher.handle(event, correlation_id)
                break
            except Exception as exc:
                if isinstance(exc, TRY_AGAIN_IN_PLACE) and attempt < MAX_ATTEMPTS_IN_PLACE:
                    attempt += 1
                    log.warning("event.retrying_in_place", queue=queue, attempt=attempt,
                                error=f"{type(exc).__name__}: {exc}")
                    EVENTS_CONSUMED.labels(queue=queue, outcome="retried_in_place").inc()
                    await asyncio.sleep(outage_backoff(attempt))
                    continue
                deliveries = int((message.headers or {}).get("x-delivery-count") or 0)
                log.warning("event.failed", queue=queue, delivery_count=deliveries,
                            error=f"{type(exc).__name__}: {exc}")
                EVENTS_CONSUMED.labels(queue=queue, outcome="failed").inc()
                await asyncio.sleep(redelivery_backoff(deliveries))
                raise NackMessage(requeue=True) from None
        outcome = "handled" if ran else "duplicate"
        log.info(f"event.{outcome}", queue=queue)
        EVENTS_CONSUMED.labels(queue=queue, outcome=outcome).inc()
