"""`soho migrate` declares the bus too: the exchanges, the event log stream, and every
consumer's queue with its dead-letter queue, before any process runs.

A service declares its own queues when it connects, but an event published before its
queue exists never reaches it: on a first install, prospects could take a contact before
notifications ever started, and that person would get no acknowledgement. Declared here,
each queue exists from the release on, whichever process starts first. The arguments are
topology.py's, the same FastStream declares, so the declarations agree."""

import aio_pika
from faststream.rabbit import RabbitBroker

from shared.bus import topology
from shared.bus.consumer import EventConsumers
from shared.service import ServiceDefinition


def subscribed(definition: ServiceDefinition) -> EventConsumers | None:
    """The service's consumers as its `subscribe` registers them, on a broker that never
    connects: which queues, which event types, parsed with which models."""
    if definition.subscribe is None:
        return None
    consumers = EventConsumers(RabbitBroker(), definition.name, lambda: None)
    definition.subscribe(consumers)
    return consumers


def consumers_of(definition: ServiceDefinition) -> list[tuple[str, str]]:
    """(consumer, event type) of each queue the service consumes, declaring nothing."""
    consumers = subscribed(definition)
    return [(definition.name, t) for t in consumers.event_types] if consumers else []


async def declare_bus(amqp_url: str, services: list[ServiceDefinition],
                      timeout: float = 10) -> int:
    """Declares everything (idempotent); returns how many consumer queues there are."""
    connection = await aio_pika.connect(amqp_url, timeout=timeout)
    async with connection:
        channel = await connection.channel()
        await topology.declare_core(channel)
        queues = [q for definition in services for q in consumers_of(definition)]
        for consumer, event_type in queues:
            await topology.declare_consumer_queue(channel, consumer, event_type)
    return len(queues)
