"""The outbox relay: publishes committed outbox rows to RabbitMQ, confirmed, exactly once
in normal operation. This module is its loop; the parts it drives are beside it:
publisher.py (the two copies of each row), polling.py (the promise to poll while busy),
pruning.py (deleting what was published long ago), heartbeat.py (its liveness signal).

- Wakes on NOTIFY `<schema>_outbox` (sent at commit) and polls slowly as a safety net;
  while busy it polls every few milliseconds instead and tells writers so.
- Locks a batch with `FOR UPDATE SKIP LOCKED`, so several relays can share one outbox.
- The row is marked sent when both copies are confirmed. A message the broker cannot
  route into the history or refuses is a failure; the row stays pending with its error and
  is tried again with exponential backoff, forever. A lost connection charges no row: the
  batch is rolled back and retried when the broker is back.
- A crash anywhere before the commit that marks rows sent means they are published again
  (same event id): consumers are idempotent, nothing is lost.
"""

import asyncio
import contextlib
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import structlog

from shared.bus.topology import EVENT_LOG_STREAM
from shared.config import DEFAULT_OUTBOX_RETENTION_HOURS
from shared.db import DATABASE_UNAVAILABLE, connect
from shared.faults import failpoint

from .heartbeat import Heartbeat
from .polling import PollingPromise
from .pruning import OutboxPruner
from .publisher import BrokerUnavailable, EventPublisher, UndeliverableEvent
from .store import PRUNE_BATCH_SIZE
from .waiting import wait_or_stop

__all__ = ["OutboxRelay", "RelayConfig", "BrokerUnavailable", "UndeliverableEvent"]

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
NEXT_DUE = """
SELECT extract(epoch FROM min(next_attempt_at) - now()) FROM outbox WHERE published_at IS NULL
"""


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
    heartbeat_file: Path | None = None  # refreshed as the loop turns (heartbeat.py)


class OutboxRelay:
    def __init__(self, config: RelayConfig) -> None:
        self.config = config
        self._wake = asyncio.Event()
        self.publisher = EventPublisher(config.amqp_url, config.history_stream,
                                        config.publish_timeout)
        self.polling = PollingPromise(config.busy_linger)
        # A pass holds the LISTEN connection: the loop must poll meanwhile, so it is woken.
        self.pruner = OutboxPruner(config.schema, config.retention_hours, config.prune_interval,
                                   config.prune_batch_size, on_pass_start=self._wake.set)
        self.heartbeat = Heartbeat(config.heartbeat_file)
        self.published = 0
        self.idle = False  # waiting for a NOTIFY, the poll, or the next retry
        self.broker_outages = 0  # batches rolled back because the broker was unreachable

    @property
    def pruned(self) -> int:
        return self.pruner.pruned

    async def prune(self, conn: asyncpg.Connection, stop: asyncio.Event) -> int:
        return await self.pruner.prune(conn, stop)

    async def run(self, stop: asyncio.Event) -> None:
        """Relay until `stop` is set; survives database and broker outages."""
        log.info("relay.started", schema=self.config.schema)
        self.heartbeat.beat()
        try:
            await self.publisher.connect(stop, alive=self.heartbeat.beat)
            while not stop.is_set():
                try:
                    await self._run_connected(stop)
                except (asyncpg.PostgresError, *DATABASE_UNAVAILABLE) as exc:
                    log.warning("relay.database_unavailable", error=str(exc))
                    self.heartbeat.beat()
                    await wait_or_stop(stop, 1.0)
        finally:
            await self.publisher.close()
            log.info("relay.stopped", schema=self.config.schema, published=self.published)

    async def _run_connected(self, stop: asyncio.Event) -> None:
        listener = await connect(self.config.database_url, self.config.schema)
        worker = await connect(self.config.database_url, self.config.schema)
        pruner: asyncio.Task | None = None
        try:
            await listener.add_listener(f"{self.config.schema}_outbox",
                                        lambda *_: self._wake.set())
            pruner = asyncio.create_task(self.pruner.run_periodically(listener, stop))
            while not stop.is_set():
                self.heartbeat.beat()
                self._wake.clear()
                try:
                    handled = await self.relay_batch(worker)
                except BrokerUnavailable as exc:
                    self.broker_outages += 1
                    log.warning("relay.broker_unavailable", error=str(exc))
                    await self.publisher.wait_for_reconnection(stop, alive=self.heartbeat.beat)
                    continue
                if handled:
                    await self.polling.renew(worker)
                if handled >= self.config.batch_size:
                    continue
                if self.polling.active or self.pruner.running:
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
                *(self.publisher.publish(row) for row in rows), return_exceptions=True
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
