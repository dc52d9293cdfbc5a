"""Publishing one outbox row: first without its personal fields into the history stream
(`soho.events.log`, through the default exchange, mandatory), then whole on `soho.events`
for whichever consumer queues are bound to its type (none bound: nobody wants it). Both
persistent, on a confirming channel.

History first: a history that cannot be written (the stream gone) keeps the row pending
without handing its consumers a copy on every retry."""

import asyncio
import logging

import aio_pika
import asyncpg
import structlog
from aio_pika.abc import AbstractExchange, AbstractRobustConnection
from aiormq.exceptions import DeliveryError, PublishError
from pamqp.commands import Basic

from shared.bus.topology import declare_core
from shared.events import CONTENT_TYPE
from shared.events.history import for_history

from .waiting import wait_or_stop

log = structlog.get_logger("soho.relay")


class UndeliverableEvent(Exception):
    """The broker answered but did not take this message: retry the row with backoff."""


class BrokerUnavailable(Exception):
    """The connection, not the message, failed: retry the batch later, charge no row."""


class EventPublisher:
    """One robust connection to RabbitMQ and its confirming channel."""

    def __init__(self, amqp_url: str, history_stream: str, publish_timeout: float) -> None:
        self.amqp_url = amqp_url
        self.history_stream = history_stream
        self.publish_timeout = publish_timeout
        self._connection: AbstractRobustConnection | None = None
        self._exchange: AbstractExchange | None = None
        self._history: AbstractExchange | None = None

    @property
    def connected(self) -> bool:
        return self._exchange is not None

    async def connect(self, stop: asyncio.Event, alive=lambda: None) -> None:
        """Connect, retrying every second until connected or `stop`; `alive()` after each try."""
        while not stop.is_set():
            try:
                self._connection = await aio_pika.connect_robust(self.amqp_url, timeout=5)
                channel = await self._connection.channel(publisher_confirms=True,
                                                         on_return_raises=True)
                self._exchange = await declare_core(channel)
                self._history = channel.default_exchange
                return
            except (OSError, aio_pika.exceptions.AMQPError, asyncio.TimeoutError) as exc:
                log.warning("relay.broker_unavailable", error=str(exc))
                alive()
                await wait_or_stop(stop, 1.0)

    async def wait_for_reconnection(self, stop: asyncio.Event, alive=lambda: None) -> None:
        """After a lost connection: until the robust connection has restored itself."""
        assert self._connection is not None
        while not stop.is_set() and not self._connection.connected.is_set():
            alive()
            await wait_or_stop(stop, 0.5)
        await wait_or_stop(stop, 0.2)  # let the robust channel finish restoring itself

    async def close(self) -> None:
        if self._connection is not None:
            await self._connection.close()

    async def publish(self, row: asyncpg.Record) -> None:
        """Both copies of one outbox row, or UndeliverableEvent / BrokerUnavailable."""
        assert self._exchange is not None and self._history is not None
        await self._send(self._history, self.history_stream, row,
                         for_history(row["type"], row["body"]), mandatory=True)
        await self._send(self._exchange, row["type"], row, row["body"], mandatory=False)

    async def _send(self, exchange: AbstractExchange, routing_key: str, row: asyncpg.Record,
                    body: bytes, *, mandatory: bool) -> None:
        message = aio_pika.Message(
            body=body,
            content_type=CONTENT_TYPE,
            delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
            message_id=str(row["id"]),
            type=row["type"],
            correlation_id=row["correlation_id"],
            timestamp=row["created_at"],
        )
        try:
            confirmation = await exchange.publish(
                message, routing_key=routing_key, mandatory=mandatory,
                timeout=self.publish_timeout,
            )
        except PublishError as exc:
            raise UndeliverableEvent(
                f"unroutable: no queue for {routing_key!r} on {exchange.name or 'the default exchange'}"
            ) from exc
        except DeliveryError as exc:
            raise UndeliverableEvent(f"refused by the broker: {exc}") from exc
        except (aio_pika.exceptions.AMQPError, asyncio.TimeoutError, OSError,
                RuntimeError) as exc:
            raise BrokerUnavailable(f"{type(exc).__name__}: {exc}") from exc
        if not isinstance(confirmation, Basic.Ack):
            raise UndeliverableEvent(f"not confirmed by the broker: {confirmation!r}")


logging.getLogger("aio_pika").setLevel(logging.WARNING)
