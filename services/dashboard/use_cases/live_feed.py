"""The live feed of one dashboard process.

While at least one page listens, the process binds a throw-away queue of its own to
`soho.events` with `#` (adapters/live_queue.py), and fans each event out to the pages
listening. It hands an event on once this dashboard's figures include it (its consumer's
inbox has it), or after `wait_seconds`, so a page that refreshes its figures on an event
sees them moved."""

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from typing import Any

import asyncpg
import structlog

from shared.bus import topology

from ..adapters import live_queue
from ..domain.incoming import CONSUMED_TYPES, CONSUMER
from ..domain.live_events import WAITING, LiveEvent
from ..store import inbox

log = structlog.get_logger("soho.dashboard.live")
LISTENER_BACKLOG = 200  # a page that falls this far behind misses events, never blocks others


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
            self._tasks = [asyncio.create_task(live_queue.receive(
                               self.amqp_url, self._deliver, self._set_state)),
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

    def _deliver(self, event: LiveEvent) -> None:
        self._incoming.put_nowait(event)

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
                   if e.type in CONSUMED_TYPES}
        deadline = asyncio.get_running_loop().time() + self.wait_seconds
        while waiting and asyncio.get_running_loop().time() < deadline:
            try:
                async with self._pool().acquire() as conn:
                    done = await inbox.applied(conn, list(waiting.values()), list(waiting))
            except Exception as exc:  # the database away: show the events anyway
                log.warning("live_feed.projection_check_failed", error=str(exc))
                return
            for event_id in done:
                waiting.pop(event_id, None)
            if waiting:
                await asyncio.sleep(0.05)
