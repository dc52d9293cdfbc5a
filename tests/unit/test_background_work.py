"""Background work in a service process: a periodic job keeps running after a failed run, a
worker is started again after it stops, and both stop when cancelled."""

import asyncio
from types import SimpleNamespace

import pytest

from shared.http.background import run_periodically, run_worker
from shared.service import PeriodicJob, Worker
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


RUNNERS = {
    "periodic job": lambda run: run_periodically(PeriodicJob("sender", 0.01, run), None,
                                                 SimpleNamespace()),
    "worker": lambda run: run_worker(Worker("sender", run, restart_after=0.01), None,
                                     SimpleNamespace()),
}


@pytest.mark.parametrize("kind", RUNNERS)
async def test_work_whose_cleanup_raises_when_cancelled_still_stops(kind):
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

    task = asyncio.create_task(RUNNERS[kind](sender))
    await asyncio.wait_for(started.wait(), 5)
    task.cancel()
    done, _ = await asyncio.wait({task}, timeout=5)
    assert done, "the runner did not stop"
    assert task.cancelled()


async def test_a_worker_that_stops_on_an_error_or_returns_is_started_again():
    starts = []

    async def sender(pool, settings):
        starts.append(len(starts))
        if len(starts) == 1:
            raise ConnectionError("lost the LISTEN connection")
        if len(starts) == 2:
            return  # a worker should not return; it is started again all the same
        await asyncio.Event().wait()  # the third start runs until cancelled

    task = asyncio.create_task(run_worker(Worker("sender", sender, restart_after=0.01), None,
                                          SimpleNamespace()))
    await wait_for(lambda: len(starts) == 3, timeout=5, message="a third start")
    assert not task.done()
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    assert task.cancelled() and len(starts) == 3
