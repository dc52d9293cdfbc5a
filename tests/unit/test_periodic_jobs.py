"""A periodic job keeps running after a failed run, and stops when cancelled."""

import asyncio
from types import SimpleNamespace

from shared.http.periodic import run_periodically
from shared.service import PeriodicJob
from tests.support.waiting import wait_for


async def test_a_failing_run_does_not_stop_the_job():
    runs = []

    async def flaky(pool, settings):
        runs.append(len(runs))
        if len(runs) == 1:
            raise ConnectionError("the database is restarting")

    task = asyncio.create_task(run_periodically(PeriodicJob("flaky", 0.01, flaky), None,
                                                SimpleNamespace()))
    await wait_for(lambda: len(runs) >= 3, timeout=5, message="three runs")
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    assert task.cancelled()


async def test_a_job_whose_cleanup_raises_when_cancelled_still_stops():
    """notifications' sender closed its SMTP connection on cancellation; that close raised
    (the server gone), which replaced the cancellation: the runner went on, and the
    service's shutdown waited forever."""
    started = asyncio.Event()

    async def sender(pool, settings):
        started.set()
        try:
            await asyncio.Event().wait()  # until cancelled
        finally:
            raise ConnectionResetError("the SMTP server is gone")

    task = asyncio.create_task(run_periodically(PeriodicJob("sender", 0.01, sender), None,
                                                SimpleNamespace()))
    await asyncio.wait_for(started.wait(), 5)
    task.cancel()
    done, _ = await asyncio.wait({task}, timeout=5)
    assert done, "the runner did not stop"
    assert task.cancelled()
