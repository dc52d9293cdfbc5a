"""The live feed of one dashboard process.

While at least one page listens, the process binds a throw-away queue of its own (exclusive,
auto-delete: it vanishes with the connection, and nothing piles up when nobody watches) to
`soho.events` with `#`, and fans each event out to the pages listening. It hands an event on
once this dashboard's figures include it (its consumer's inbox has it), or after
`wait_seconds`, so a page that refreshes its figures on an event sees them moved."""

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from typing import Any

import aio_pika
import asyncpg
import structlog

from shared.bus import topology
from shared.events import EVENT_TYPES

from ..incoming import CONSUMER
from .events import READY, WAITING, LiveEvent, live_event

log = structlog.get_logger("soho.dashboard.live")
LISTENER_BACKLOG = 200  # a page that falls this far behind misses events, never blocks others
QUEUE_MAX_LENGTH = 10_000

APPLIED = """
SELECT i.event_id FROM inbox i
JOIN unnest($1::text[], $2::uuid[]) AS w (consumer, event_id)
  ON i.consumer = w.consumer AND i.event_id = w.event_id
"""


class LiveFeed:
    def __init__(self, amqp_url: str, pool: Callable[[], asyncpg.Pool], wait_seconds: float):
        self.amqp_url, self._pool, self.wait_seconds = amqp_url, pool, wait_seconds
        self._listeners: set[asyncio.Queue] = set()
        self._incoming: asyncio.Queue[LiveEvent] = asyncio.Queue()
        self._tasks: list[asyncio.Task] = []
        self.state = WAITING

    @contextlib.asynccontextmanager
    async def listen(self) -> AsyncIterator[asyncio.Queue]:
        """A queue of READY/WAITING and LiveEvents for one page, while it listens."""
        if not self._tasks or any(task.done() for task in self._tasks):
            self.stop()
            self._incoming = asyncio.Queue()  # nothing stale from an earlier listening
            self._tasks = [asyncio.create_task(self._receive()),
                           asyncio.create_task(self._hand_on())]
        mine: asyncio.Queue = asyncio.Queue(LISTENER_BACKLOG)
        mine.put_nowait(self.state)
        self._listeners.add(mine)
        try:
            yield mine
        finally:
            self._listeners.discard(mine)
            if not self._listeners:
                self.stop()

    def stop(self) -> None:
        """Stop listening (the throw-away queue goes with its connection). Synchronous: it
        runs when a page's request is being cancelled, where an await would not return."""
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            task.cancel()
        self.state = WAITING

    def _tell(self, item: Any) -> None:
        for listener in list(self._listeners):
            with contextlib.suppress(asyncio.QueueFull):
                listener.put_nowait(item)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self._tell(state)

    async def _receive(self) -> None:
        delay = 0.5
        while True:
            try:
                connection = await aio_pika.connect(self.amqp_url, timeout=5)
                async with connection:
                    channel = await connection.channel()
                    exchange = await topology.declare_core(channel)
                    queue = await channel.declare_queue(
                        exclusive=True, auto_delete=True,
                        arguments={"x-max-length": QUEUE_MAX_LENGTH})
                    await queue.bind(exchange, routing_key="#")
                    self._set_state(READY)
                    delay = 0.5
                    async with queue.iterator(no_ack=True) as messages:
                        async for message in messages:
                            event = live_event(message.routing_key or "", message.body)
                            if event is not None:
                                self._incoming.put_nowait(event)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # broker away: say so, and try again
                log.warning("live_feed.unavailable", error=f"{type(exc).__name__}: {exc}")
            self._set_state(WAITING)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 10)

    async def _hand_on(self) -> None:
        while True:
            batch = [await self._incoming.get()]
            while not self._incoming.empty():
                batch.append(self._incoming.get_nowait())
            await self._until_projected(batch)
            for event in batch:
                self._tell(event)

    async def _until_projected(self, batch: list[LiveEvent]) -> None:
        waiting = {e.id: topology.consumer_queue_name(CONSUMER, e.type) for e in batch
                   if e.type in EVENT_TYPES}
        deadline = asyncio.get_running_loop().time() + self.wait_seconds
        while waiting and asyncio.get_running_loop().time() < deadline:
            try:
                async with self._pool().acquire() as conn:
                    done = await conn.fetch(APPLIED, list(waiting.values()), list(waiting))
            except Exception as exc:  # the database away: show the events anyway
                log.warning("live_feed.projection_check_failed", error=str(exc))
                return
            for row in done:
                waiting.pop(row["event_id"], None)
            if waiting:
                await asyncio.sleep(0.05)
