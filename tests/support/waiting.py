"""Tests wait for a condition with a deadline, never for a fixed time."""

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable
from typing import Any


async def wait_for(condition: Callable[[], Any | Awaitable[Any]], *, timeout: float = 15.0,
                   interval: float = 0.05, message: str = "condition") -> Any:
    """Poll `condition` until it returns something truthy; return it. Fails at the deadline."""
    deadline = time.monotonic() + timeout
    last: Any = None
    while True:
        last = condition()
        if inspect.isawaitable(last):
            last = await last
        if last:
            return last
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {message} "
                                 f"(last value: {last!r})")
        await asyncio.sleep(interval)
