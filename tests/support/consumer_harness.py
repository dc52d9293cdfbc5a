"""A consumer wired exactly as a service wires its own (EventConsumers on a FastStream
broker, inbox in a schema of its own), whose effect is a row per handled event."""

import uuid

import aio_pika
import asyncpg
from faststream.rabbit import RabbitBroker

from shared.bus.broker import create_broker

from shared.bus.consumer import EventConsumers
from shared.bus.topology import dead_letter_queue_name
from shared.db import create_pool

from .events import Pinged, ping


class PoisonError(Exception):
    pass


class ConsumerHarness:
    def __init__(self, amqp_url: str, database_url: str, schema: str) -> None:
        self.amqp_url = amqp_url
        self.database_url = database_url
        self.schema = schema
        self.name = f"t{uuid.uuid4().hex[:8]}"
        # Every consumer of test.pinged sees every test's pings: count only our own.
        self.source = f"/soho/tests/{self.name}"
        self.accept_poison = False  # flip to True to "fix the bug" before a replay
        self.pool: asyncpg.Pool | None = None
        self.broker: RabbitBroker | None = None

    @property
    def queue(self) -> str:
        return f"{self.name}.{Pinged.event_type}"

    async def start(self) -> "ConsumerHarness":
        self.pool = await create_pool(self.database_url, self.schema)
        async with self.pool.acquire() as conn:
            await conn.execute("CREATE TABLE IF NOT EXISTS effects "
                               "(event_id uuid NOT NULL, source text NOT NULL, n integer NOT NULL)")
        self.broker = create_broker(self.amqp_url)
        consumers = EventConsumers(self.broker, self.name, lambda: self.pool)

        @consumers.on(Pinged)
        async def record(conn: asyncpg.Connection, event) -> None:
            if event.data.poison and not self.accept_poison:
                raise PoisonError(f"cannot handle ping {event.data.n}")
            await conn.execute("INSERT INTO effects VALUES ($1, $2, $3)",
                               event.id, event.source, event.data.n)

        connection = await aio_pika.connect(self.amqp_url)
        async with connection:
            await consumers.declare_dead_letter_queues(await connection.channel())
        await self.broker.start()
        return self

    async def effects(self) -> list[asyncpg.Record]:
        async with self.pool.acquire() as conn:
            return await conn.fetch(
                "SELECT event_id, n FROM effects WHERE source = $1 ORDER BY n", self.source)

    def ping(self, n: int, poison: bool = False):
        return ping(n, poison=poison, source=self.source)

    async def stop(self, delete_queues: bool = True) -> None:
        if self.broker is not None:
            await self.broker.stop()
        if self.pool is not None:
            await self.pool.close()
        if delete_queues:
            connection = await aio_pika.connect(self.amqp_url)
            async with connection:
                channel = await connection.channel()
                for name in (self.queue, dead_letter_queue_name(self.queue)):
                    await channel.queue_delete(name)
