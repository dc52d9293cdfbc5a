"""Keeps a service's FastStream broker connected: the service starts even when RabbitMQ is
down (it reports not-ready) and connects as soon as it can; after that, aio-pika's robust
connection reconnects and re-consumes by itself."""

import asyncio
import contextlib

import aio_pika
import structlog
from faststream.rabbit import RabbitBroker

from shared.bus.consumer import EventConsumers

log = structlog.get_logger("soho.bus")
STOP_TIMEOUT = 10.0  # seconds; within every deployment's grace period (docs/deploy.md)


class BusConnection:
    def __init__(self, broker: RabbitBroker, consumers: EventConsumers, amqp_url: str):
        self.broker = broker
        self.consumers = consumers
        self.amqp_url = amqp_url
        self.started = asyncio.Event()
        self.last_error: str | None = "not connected yet"
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._connect_forever())

    async def _connect_forever(self) -> None:
        delay = 0.5
        while True:
            try:
                await self._declare_dead_letter_queues()
                await self.broker.start()
                self.started.set()
                self.last_error = None
                log.info("bus.connected", queues=self.consumers.queues)
                return
            except Exception as exc:  # any failure: log it, back off, try again
                self.last_error = f"{type(exc).__name__}: {exc}"
                log.warning("bus.unavailable", error=self.last_error, retry_in=delay)
                with contextlib.suppress(Exception):
                    await self.broker.stop()
                await asyncio.sleep(delay)
                delay = min(delay * 2, 10)

    async def _declare_dead_letter_queues(self) -> None:
        connection = await aio_pika.connect(self.amqp_url, timeout=5)
        async with connection:
            await self.consumers.declare_dead_letter_queues(await connection.channel())

    async def ready(self, timeout: float = 1.0) -> str | None:
        """None when connected, else why not."""
        if not self.started.is_set():
            return self.last_error
        if not await self.broker.ping(timeout):
            return "connection to RabbitMQ lost, reconnecting"
        return None

    async def stop(self, timeout: float = STOP_TIMEOUT) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        # A broker that stops answering must not keep the service from stopping: after
        # the deadline the connection is abandoned (RabbitMQ requeues what was unacked).
        try:
            await asyncio.wait_for(self.broker.stop(), timeout)
        except TimeoutError:
            log.warning("bus.stop_timed_out", after_seconds=timeout)
