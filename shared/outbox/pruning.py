"""The relay's housekeeping: every `interval`, delete the rows published more than
`retention_hours` ago, in batches (store.prune_published).

It runs in a task of its own, so publishing never waits for a DELETE, even when a steady
flow keeps the relay from ever being idle; and on the relay's LISTEN connection, which
otherwise only waits, so a relay still holds two connections. A NOTIFY that arrives during
a DELETE is delivered only when the statement ends, so while a pass runs the relay polls as
when busy (`running`)."""

import asyncio
import contextlib
import time
from collections.abc import Callable

import asyncpg
import structlog

from .store import prune_published
from .waiting import wait_or_stop

log = structlog.get_logger("soho.relay")


class OutboxPruner:
    def __init__(self, schema: str, retention_hours: float, interval: float, batch_size: int,
                 on_pass_start: Callable[[], None] = lambda: None) -> None:
        self.schema = schema
        self.retention_hours = retention_hours
        self.interval = interval  # seconds between passes; the first one at start
        self.batch_size = batch_size
        self.on_pass_start = on_pass_start  # the relay's loop starts polling
        self.running = False  # a pass holds the LISTEN connection: NOTIFYs wait
        self.pruned = 0
        self._next_pass = 0.0  # monotonic time of the next pass

    async def run_periodically(self, conn: asyncpg.Connection, stop: asyncio.Event) -> None:
        while not stop.is_set():
            await wait_or_stop(stop, max(self._next_pass - time.monotonic(), 0.0))
            if stop.is_set():
                return
            self._next_pass = time.monotonic() + self.interval
            await self.prune(conn, stop)

    async def prune(self, conn: asyncpg.Connection, stop: asyncio.Event) -> int:
        """One pass: delete the rows published before the retention; returns how many.
        A failure (the database gone, a statement timed out) is logged and waits for the
        next pass: pruning is housekeeping, it must never stop the relay."""
        deleted = 0
        self.running = True
        self.on_pass_start()
        try:
            async with contextlib.aclosing(prune_published(
                    conn, self.retention_hours, self.batch_size)) as batches:
                async for count in batches:
                    deleted += count
                    if stop.is_set():
                        break
        except Exception as exc:  # noqa: BLE001 - see the docstring
            log.warning("relay.prune_failed", schema=self.schema, deleted=deleted,
                        error=f"{type(exc).__name__}: {exc}")
        finally:
            self.running = False
        if deleted:
            log.info("relay.pruned", schema=self.schema, deleted=deleted,
                     older_than_hours=self.retention_hours)
        self.pruned += deleted
        return deleted
