"""Waiting inside the relay: a pause that ends early when the relay is asked to stop."""

import asyncio
import contextlib


async def wait_or_stop(stop: asyncio.Event, seconds: float) -> None:
    # asyncio.timeout, not wait_for: on Python 3.11, wait_for returns normally when it is
    # cancelled just as what it waits for completes, and a loop around it then never stops.
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(seconds):
            await stop.wait()
