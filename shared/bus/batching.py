"""Deliveries of one queue that arrive together share one inbox transaction.

A consumer spends most of its time per transaction (pool checkout, BEGIN, claim, COMMIT
and its fsync), not per effect. So each queue has one flusher: the deliveries that are
waiting when it runs (up to the prefetch) are claimed with one statement, their effects
run in order on one connection, and one commit makes all of them durable; only then is
each message acknowledged. With one delivery at a time this is exactly the single path.

If anything in a batch fails, the batch rolls back as a whole and its events are handled
one by one, each in its own transaction, so only the failing event is retried and the
others commit. Exactly-once holds either way: a claim and its effect commit together.
(Measured in bench/bus.py; see docs/benchmarks.md.)
"""

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import asyncpg
import structlog

from shared.correlation import bind_correlation_id
from shared.db import DATABASE_UNAVAILABLE
from shared.events import CloudEvent
from shared.inbox import handle_batch_once, handle_once

log = structlog.get_logger("soho.consumer")

Handler = Callable[[asyncpg.Connection, CloudEvent[Any]], Awaitable[None]]


class ConsumerStopping(Exception):
    """The consumer stopped before the event's transaction ended: it will be redelivered."""


@dataclass
class _Waiting:
    event: CloudEvent[Any]
    correlation_id: str
    done: asyncio.Future


class InboxBatcher:
    def __init__(self, pool: Callable[[], asyncpg.Pool], queue: str, handler: Handler,
                 max_batch: int) -> None:
        self._pool = pool
        self.queue = queue
        self._handler = handler
        self.max_batch = max_batch
        self._waiting: list[_Waiting] = []
        self._flusher: asyncio.Task | None = None

    async def handle(self, event: CloudEvent[Any], correlation_id: str) -> bool:
        """Run the handler for `event` once (True), or find it already handled (False).
        Raises what the handler raised, once the event is known not to have committed."""
        waiting = _Waiting(event, correlation_id, asyncio.get_running_loop().create_future())
        self._waiting.append(waiting)
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush(), name=f"inbox:{self.queue}")
        return await waiting.done

    async def _flush(self) -> None:
        batch: list[_Waiting] = []
        try:
            while self._waiting:
                await asyncio.sleep(0)  # deliveries read in the same frame join this batch
                batch = self._waiting[:self.max_batch]
                del self._waiting[:self.max_batch]
                await self._run(batch)
                batch = []
        finally:  # cancelled (shutdown): nobody may wait forever
            for waiting in [*batch, *self._waiting]:
                _settle(waiting.done, error=ConsumerStopping("consumer stopping"))
            self._waiting.clear()

    async def _run(self, batch: list[_Waiting]) -> None:
        correlation = {w.event.id: w.correlation_id for w in batch}

        async def effect(conn: asyncpg.Connection, event: CloudEvent[Any]) -> None:
            # Each effect sees its own event's ids in the log lines and outgoing events.
            structlog.contextvars.clear_contextvars()
            bind_correlation_id(correlation[event.id])
            structlog.contextvars.bind_contextvars(event_id=str(event.id),
                                                   event_type=event.type)
            await self._handler(conn, event)

        if len(batch) > 1:
            try:
                results = await handle_batch_once(self._pool(), self.queue,
                                                  [w.event for w in batch], effect)
            except DATABASE_UNAVAILABLE as exc:  # not the events' fault: no one-by-one
                for waiting in batch:
                    _settle(waiting.done, error=exc)
                return
            except Exception as exc:  # noqa: BLE001 - retried one by one just below
                log.info("inbox.batch_failed", queue=self.queue, size=len(batch),
                         error=f"{type(exc).__name__}: {exc}")
            else:
                for waiting, ran in zip(batch, results, strict=True):
                    _settle(waiting.done, result=ran)
                return
        for waiting in batch:
            try:
                ran = await handle_once(self._pool(), self.queue, waiting.event, effect)
            except Exception as exc:  # noqa: BLE001 - handed to the delivery, which retries
                _settle(waiting.done, error=exc)
            else:
                _settle(waiting.done, result=ran)


def _settle(future: asyncio.Future, *, result: bool = False,
            error: BaseException | None = None) -> None:
    if future.done():  # the delivery was cancelled meanwhile: it will be redelivered
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)
