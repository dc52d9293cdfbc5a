"""The outbox relay: publishes committed outbox rows to RabbitMQ, confirmed, exactly once
in normal operation.

- Wakes on NOTIFY `<schema>_outbox` (sent at commit) and polls slowly as a safety net.
  While busy it polls every few milliseconds instead and tells writers so
  (`outbox_relay_polling`), who then skip the NOTIFY: PostgreSQL serialises the commits of
  notifying transactions cluster-wide, which capped the writers (docs/benchmarks.md).
- Locks a batch with `FOR UPDATE SKIP LOCKED`, so several relays can share one outbox.
- Publishes each event twice, persistent, on a confirming channel: first without its
  personal fields into the stream `soho.events.log` (through the default exchange,
  mandatory), the platform's history (shared/events/history.py); then whole on
  `soho.events`, for whichever consumer queues are bound to its type (none bound: nobody
  wants it). The row is marked sent when both are confirmed. A message the broker cannot
  route into the history or refuses is a failure; the row stays pending with its error and
  is tried again with exponential backoff, forever. A lost connection charges no row: the
  batch is rolled back and retried when the broker is back.
- A crash anywhere before the commit that marks rows sent means they are published again
  (same event id): consumers are idempotent, nothing is lost.
- Prunes: every `prune_interval`, deletes the rows published more than `retention_hours`
  ago, in batches (store.prune_published). It does so in a task of its own, so publishing
  never waits for a DELETE, even when a steady flow keeps the relay from ever being idle;
  and on the LISTEN connection, which otherwise only waits, so a relay still holds two
  connections. A NOTIFY that arrives during a DELETE is delivered only when the statement
  ends, so while a pass runs the relay polls as when busy.
"""

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass

import aio_pika
import asyncpg
import structlog
from aio_pika.abc import AbstractExchange, AbstractRobustConnection
from aiormq.exceptions import DeliveryError, PublishError
from pamqp.commands import Basic

from shared.bus.topology import EVENT_LOG_STREAM, declare_core
from shared.config import DEFAULT_OUTBOX_RETENTION_HOURS
from shared.db import DATABASE_UNAVAILABLE, connect
from shared.events import CONTENT_TYPE
from shared.events.history import for_history
from shared.faults import failpoint
from shared.outbox.store import PRUNE_BATCH_SIZE, prune_published

log = structlog.get_logger("soho.relay")

FETCH_BATCH = """
SELECT id, type, body, correlation_id, created_at, attempts FROM outbox
WHERE published_at IS NULL AND next_attempt_at <= now()
ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED
"""
MARK_SENT = "UPDATE outbox SET published_at = now(), last_error = NULL WHERE id = ANY($1::uuid[])"
MARK_FAILED = """
UPDATE outbox SET attempts = attempts + 1, last_error = $2,
    next_attempt_at = now() + make_interval(secs => least($3 * power(2, attempts), $4))
WHERE id = $1
"""
PROMISE_POLLING = """
INSERT INTO outbox_relay_polling (polling_until)
VALUES (clock_timestamp() + make_interval(secs => $1))
ON CONFLICT (only_row) DO UPDATE
SET polling_until = greatest(outbox_relay_polling.polling_until, EXCLUDED.polling_until)
"""
NEXT_DUE = """
SELECT extract(epoch FROM min(next_attempt_at) - now()) FROM outbox WHERE published_at IS NULL
"""


class UndeliverableEvent(Exception):
    """The broker answered but did not take this message: retry the row with backoff."""


class BrokerUnavailable(Exception):
    """The connection, not the message, failed: retry the batch later, charge no row."""


@dataclass
class RelayConfig:
    database_url: str
    amqp_url: str
    schema: str
    history_stream: str = EVENT_LOG_STREAM
    batch_size: int = 200
    poll_interval: float = 2.0  # the safety net, when idle
    busy_poll_interval: float = 0.02  # after a batch, until `busy_linger` passes without one
    busy_linger: float = 1.0
    first_backoff: float = 0.5
    max_backoff: float = 60.0
    publish_timeout: float = 10.0
    retention_hours: float = DEFAULT_OUTBOX_RETENTION_HOURS  # published rows older than this go
    prune_interval: float = 300.0  # seconds between pruning passes; the first one at start
    prune_batch_size: int = PRUNE_BATCH_SIZE


class OutboxRelay:
    def __init__(self, config: RelayConfig) -> None:
        self.config = config
        self._wake = asyncio.Event()
        self._broker: AbstractRobustConnection | None = None
        self._exchange: AbstractExchange | None = None
        self._history: AbstractExchange | None = None
        self.published = 0
        self.idle = False  # waiting for a NOTIFY, the poll, or the next retry
        self.broker_outages = 0  # batches rolled back because the broker was unreachable
        self._polling_until = 0.0  # monotonic time until which writers were told we poll
        self._next_prune = 0.0  # monotonic time of the next pruning pass
        self._pruning = False  # a pass holds the LISTEN connection: NOTIFYs wait
        self.pruned = 0

    async def run(self, stop: asyncio.Event) -> None:
        """Relay until `stop` is set; survives database and broker outages."""
        log.info("relay.started", schema=self.config.schema)
        try:
            await self._connect_broker(stop)
            while not stop.is_set():
                try:
                    await self._run_connected(stop)
                except (asyncpg.PostgresError, *DATABASE_UNAVAILABLE) as exc:
                    log.warning("relay.database_unavailable", error=str(exc))
                    await _wait(stop, 1.0)
        finally:
            if self._broker is not None:
                await self._broker.close()
            log.info("relay.stopped", schema=self.config.schema, published=self.published)

    async def _connect_broker(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                self._broker = await aio_pika.connect_robust(self.config.amqp_url, timeout=5)
                channel = await self._broker.channel(publisher_confirms=True, on_return_raises=True)
                self._exchange = await declare_core(channel)
                self._history = channel.default_exchange
                return
            except (OSError, aio_pika.exceptions.AMQPError, asyncio.TimeoutError) as exc:
                log.warning("relay.broker_unavailable", error=str(exc))
                await _wait(stop, 1.0)

    async def _run_connected(self, stop: asyncio.Event) -> None:
        channel = f"{self.config.schema}_outbox"
        listener = await connect(self.config.database_url, self.config.schema)
        worker = await connect(self.config.database_url, self.config.schema)
        pruner: asyncio.Task | None = None
        try:
            await listener.add_listener(channel, lambda *_: self._wake.set())
            pruner = asyncio.create_task(self._prune_periodically(listener, stop))
            while not stop.is_set():
                self._wake.clear()
                try:
                    handled = await self.relay_batch(worker)
                except BrokerUnavailable as exc:
                    self.broker_outages += 1
                    log.warning("relay.broker_unavailable", error=str(exc))
                    await self._wait_for_broker(stop)
                    continue
                if handled:
                    await self._promise_polling(worker)
                if handled >= self.config.batch_size:
                    continue
                if time.monotonic() < self._polling_until or self._pruning:
                    await self._wait_for_wake(stop, self.config.busy_poll_interval)
                else:
                    await self._sleep_until_due(worker, stop)
        finally:
            if pruner is not None:
                pruner.cancel()
                await asyncio.gather(pruner, return_exceptions=True)
            for conn in (listener, worker):
                with contextlib.suppress(Exception):
                    await conn.close()

    async def relay_batch(self, conn: asyncpg.Connection) -> int:
        """Publish one batch of due rows; returns how many rows it handled."""
        async with conn.transaction():
            rows = await conn.fetch(FETCH_BATCH, self.config.batch_size)
            if not rows:
                return 0
            failpoint("relay.before_publish")
            results = await asyncio.gather(
                *(self._publish(row) for row in rows), return_exceptions=True
            )
            if any(isinstance(r, BrokerUnavailable) for r in results):
                raise BrokerUnavailable(next(str(r) for r in results if isinstance(r, Exception)))
            sent = [row["id"] for row, result in zip(rows, results, strict=True) if result is None]
            await conn.execute(MARK_SENT, sent)
            for row, result in zip(rows, results, strict=True):
                if result is not None:
                    log.warning("relay.publish_failed", event_id=str(row["id"]),
                                event_type=row["type"], attempts=row["attempts"] + 1,
                                error=str(result))
                    await conn.execute(MARK_FAILED, row["id"], str(result)[:500],
                                       self.config.first_backoff, self.config.max_backoff)
            failpoint("relay.before_commit")
        self.published += len(sent)
        return len(rows)

    async def _prune_periodically(self, conn: asyncpg.Connection, stop: asyncio.Event) -> None:
        while not stop.is_set():
            await _wait(stop, max(self._next_prune - time.monotonic(), 0.0))
            if stop.is_set():
                return
            self._next_prune = time.monotonic() + self.config.prune_interval
            await self.prune(conn, stop)

    async def prune(self, conn: asyncpg.Connection, stop: asyncio.Event) -> int:
        """One pass: delete the rows published before the retention; returns how many.
        A failure (the database gone, a statement timed out) is logged and waits for the
        next pass: pruning is housekeeping, it must never stop the relay."""
        deleted = 0
        self._pruning = True
        self._wake.set()  # the loop may be waiting for a NOTIFY: make it poll instead
        try:
            async with contextlib.aclosing(prune_published(
                    conn, self.config.retention_hours, self.config.prune_batch_size)) as batches:
                async for count in batches:
                    deleted += count
                    if stop.is_set():
                        break
        except Exception as exc:  # noqa: BLE001 - see the docstring
            log.warning("relay.prune_failed", schema=self.config.schema, deleted=deleted,
                        error=f"{type(exc).__name__}: {exc}")
        finally:
            self._pruning = False
        if deleted:
            log.info("relay.pruned", schema=self.config.schema, deleted=deleted,
                     older_than_hours=self.config.retention_hours)
        self.pruned += deleted
        return deleted

    async def _publish(self, row: asyncpg.Record) -> None:
        assert self._exchange is not None and self._history is not None
        # History first: a history that cannot be written (the stream gone) keeps the row
        # pending without handing its consumers a copy on every retry.
        await self._send(self._history, self.config.history_stream, row,
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
                timeout=self.config.publish_timeout,
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

    async def _wait_for_broker(self, stop: asyncio.Event) -> None:
        assert self._broker is not None
        while not stop.is_set() and not self._broker.connected.is_set():
            await _wait(stop, 0.5)
        await _wait(stop, 0.2)  # let the robust channel finish restoring itself

    async def _promise_polling(self, conn: asyncpg.Connection) -> None:
        """Tell writers we keep polling for `busy_linger` more seconds (refreshed only when
        half of the last promise is used up: a write every half-linger at most)."""
        linger = self.config.busy_linger
        now = time.monotonic()
        if self._polling_until - now > linger / 2:
            return
        await conn.execute(PROMISE_POLLING, linger)
        self._polling_until = now + linger

    async def _sleep_until_due(self, conn: asyncpg.Connection, stop: asyncio.Event) -> None:
        due_in = await conn.fetchval(NEXT_DUE)
        timeout = self.config.poll_interval
        if due_in is not None:
            timeout = min(timeout, max(float(due_in), 0.01))
        await self._wait_for_wake(stop, timeout)

    async def _wait_for_wake(self, stop: asyncio.Event, timeout: float) -> None:
        wake = asyncio.ensure_future(self._wake.wait())
        stopped = asyncio.ensure_future(stop.wait())
        self.idle = True
        try:
            await asyncio.wait({wake, stopped}, timeout=timeout,
                               return_when=asyncio.FIRST_COMPLETED)
        finally:
            self.idle = False
            wake.cancel()
            stopped.cancel()


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(asyncio.TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


logging.getLogger("aio_pika").setLevel(logging.WARNING)
