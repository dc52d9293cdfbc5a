"""Run a service in-process as `soho serve` would (its lifespan: pool, broker, consumers),
with its outbox relay, and talk to it over HTTP."""

import asyncio
import contextlib
import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import aio_pika
import httpx
from faststream.rabbit import RabbitBroker

from shared.auth import Role, issue_token
from shared.bus.consumer import EventConsumers
from shared.bus.topology import dead_letter_queue_name
from shared.http.app import create_app
from shared.outbox import OutboxRelay
from shared.outbox.relay import RelayConfig
from shared.service import ServiceDefinition

from .waiting import wait_for


@dataclass
class RunningService:
    client: httpx.AsyncClient
    app: object
    relay: OutboxRelay

    def token(self, role: Role = Role.STAFF, **scope) -> dict[str, str]:
        """Authorization header for a token of that role (village=..., member=...)."""
        return {"Authorization": "Bearer " + issue_token(os.environ["SOHO_SECRET"], role,
                                                         **scope)}

    def staff(self) -> dict[str, str]:
        return self.token(Role.STAFF, sub="test-staff")

    def solo(self, member: uuid.UUID) -> dict[str, str]:
        return self.token(Role.SOLO, member=member)

    def committee(self, village: str) -> dict[str, str]:
        return self.token(Role.COMMITTEE, village=village)


async def delete_consumer_queues(definition: ServiceDefinition, amqp_url: str) -> None:
    """The service's durable queues (and dead-letter queues) as if it never ran: events that
    earlier tests published in this run's vhost must not reach this test's service."""
    if definition.subscribe is None:
        return
    consumers = EventConsumers(RabbitBroker(), definition.name, lambda: None)
    definition.subscribe(consumers)
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        channel = await connection.channel()
        for queue in consumers.queues:
            await channel.queue_delete(queue)
            await channel.queue_delete(dead_letter_queue_name(queue))


@contextlib.asynccontextmanager
async def running_service(definition: ServiceDefinition, database_url: str, amqp_url: str,
                          **settings) -> AsyncIterator[RunningService]:
    await delete_consumer_queues(definition, amqp_url)
    app = create_app(definition, definition.settings(DATABASE_URL=database_url,
                                                     AMQP_URL=amqp_url, **settings))
    relay = OutboxRelay(RelayConfig(database_url, amqp_url, definition.schema))
    stop = asyncio.Event()
    async with app.router.lifespan_context(app):
        relay_task = asyncio.create_task(relay.run(stop))
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            await wait_for(lambda: app.state.bus.started.is_set(), timeout=30,
                           message=f"{definition.name} connected to the broker")
            try:
                yield RunningService(c, app, relay)
            finally:
                stop.set()
                await asyncio.wait_for(relay_task, 15)
