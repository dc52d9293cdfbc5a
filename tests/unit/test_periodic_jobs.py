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
