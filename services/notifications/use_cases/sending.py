"""The sender: takes due messages (FOR UPDATE SKIP LOCKED, so several copies of the service
share the work) and sends up to `send_concurrency` at once. It wakes on NOTIFY when the
handlers commit new messages, when a message finishes, when the next retry is due, and
every `poll_interval` in any case."""

import asyncio
import contextlib

import asyncpg
import structlog

from shared.db import connect

from ..adapters.webhooks import new_client
from ..config import NotificationsSettings
from ..store import deliveries
from .delivery import Courier

log = structlog.get_logger("soho.notifications")
STOP_GRACE_SECONDS = 10.0


class Sender:
    def __init__(self, pool: asyncpg.Pool, settings: NotificationsSettings) -> None:
        self.pool = pool
        self.settings = settings
        self.wake = asyncio.Event()
        self.inflight: set[asyncio.Task] = set()
        self.courier: Courier | None = None
        self.listening = False

    async def run(self) -> None:
        async with new_client(self.settings.webhook_timeout) as http:
            self.courier = Courier(self.pool, self.settings, http)
            async with self.pool.acquire() as conn:
                schema = await deliveries.current_schema(conn)
            listener = await connect(self.settings.database_url, schema)
            try:
                await listener.add_listener(f"{schema}_deliveries", lambda *_: self.wake.set())
                listener.add_termination_listener(self._listener_lost)
                self.listening = True
                while self.listening:
                    await self._step()
                raise ConnectionError("lost the LISTEN connection; starting again")
            except asyncio.CancelledError:  # stopping: a grace, then their lease brings them back
                await self._finish_inflight()
                raise
            except Exception:
                # The database went away. Messages already handed to a server are recording
                # their outcome, retrying for as long as Courier._record allows: wait for
                # them. Cut short, their lease would run out and they would go again.
                if self.inflight:
                    try:
                        await asyncio.wait(self.inflight)
                    except asyncio.CancelledError:
                        await self._finish_inflight()
                        raise
                raise
            finally:
                with contextlib.suppress(Exception):
                    await listener.close()
                if self.courier.smtp is not None:
                    with contextlib.suppress(Exception):  # must not replace a cancellation
                        await self.courier.smtp.close()

    async def _step(self) -> None:
        self.wake.clear()
        free = self.settings.send_concurrency - len(self.inflight)
        if free > 0:
            async with self.pool.acquire() as conn:
                rows = await deliveries.claim(conn, free, self.settings.send_lease)
            for row in rows:
                task = asyncio.create_task(self.courier.deliver(row))
                self.inflight.add(task)
                task.add_done_callback(self._done)
            if len(rows) == free:
                return  # maybe more are due: go on as soon as a slot frees
        timeout = self.settings.poll_interval
        if free > 0:
            async with self.pool.acquire() as conn:
                due_in = await deliveries.seconds_until_due(conn)
            if due_in is not None:
                timeout = min(timeout, max(due_in, 0.01))
        # asyncio.timeout, not wait_for: on Python 3.11 wait_for returns normally when the
        # service stops (cancels) just as a message finishes (wakes), and this loop then
        # never ends, nor does the service's shutdown.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):
                await self.wake.wait()

    def _listener_lost(self, *_: object) -> None:
        self.listening = False
        self.wake.set()

    def _done(self, task: asyncio.Task) -> None:
        self.inflight.discard(task)
        self.wake.set()
        if not task.cancelled() and task.exception() is not None:
            log.error("notifications.delivery_task_failed", error=repr(task.exception()))

    async def _finish_inflight(self) -> None:
        """On shutdown, let messages already handed to a server record their outcome."""
        if not self.inflight:
            return
        _, pending = await asyncio.wait(self.inflight, timeout=STOP_GRACE_SECONDS)
        for task in pending:
            task.cancel()
