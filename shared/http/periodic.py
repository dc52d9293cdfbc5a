"""Runs a service's periodic jobs in its process; a failing run is logged, never fatal."""

import asyncio

import asyncpg
import structlog

from shared.config import ServiceSettings
from shared.service import PeriodicJob

log = structlog.get_logger("soho.periodic")


async def run_periodically(job: PeriodicJob, pool: asyncpg.Pool,
                           settings: ServiceSettings) -> None:
    while True:
        try:
            await job.run(pool, settings)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the next run may succeed (the database may be back)
            log.warning("periodic.failed", job=job.name, error=f"{type(exc).__name__}: {exc}")
        # Asked to stop, but the job swallowed the cancellation (a cleanup of its own that
        # raised in its place): stop all the same, or the service's shutdown waits forever.
        if asyncio.current_task().cancelling():
            raise asyncio.CancelledError
        await asyncio.sleep(job.every_seconds)
