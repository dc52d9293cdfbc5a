"""Runs a service's background work in its process: periodic jobs (a run that returns,
again every few seconds) and workers (a run that goes on while the service runs). A run
that fails is logged, never fatal: the job runs again at its next turn, the worker starts
again a moment later. Both stop when the service stops (their task is cancelled)."""

import asyncio
from collections.abc import Awaitable, Callable

import asyncpg
import structlog

from shared.config import ServiceSettings
from shared.service import PeriodicJob, Worker

log = structlog.get_logger("soho.background")


async def run_periodically(job: PeriodicJob, pool: asyncpg.Pool,
                           settings: ServiceSettings) -> None:
    await _keep_running("periodic", job.name, lambda: job.run(pool, settings),
                        pause=job.every_seconds)


async def run_worker(worker: Worker, pool: asyncpg.Pool, settings: ServiceSettings) -> None:
    await _keep_running("worker", worker.name, lambda: worker.run(pool, settings),
                        pause=worker.restart_after, returns_early=True)


async def _keep_running(kind: str, name: str, run: Callable[[], Awaitable[None]], *,
                        pause: float, returns_early: bool = False) -> None:
    while True:
        try:
            await run()
            if returns_early:
                log.warning(f"{kind}.returned", job=name)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the next run may succeed (the database may be back)
            log.warning(f"{kind}.failed", job=name, error=f"{type(exc).__name__}: {exc}")
        # Asked to stop, but the run swallowed the cancellation (a cleanup of its own that
        # raised in its place): stop all the same, or the service's shutdown waits forever.
        if asyncio.current_task().cancelling():
            raise asyncio.CancelledError
        await asyncio.sleep(pause)
