"""A client that keeps trying while processes die: a request that fails because a process,
the broker or the database is down is sent again, the same way (the same Idempotency-Key),
until it is answered. A 409 to a retry whose first attempt may have succeeded unseen is
resolved by reading what the platform now holds."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import httpx

from tests.support.household import StepRefused

from .ground_truth import GroundTruth

T = TypeVar("T")
RETRYABLE_STATUS = {429, 500, 502, 503, 504}
OPERATION_DEADLINE = 150.0  # a request waits at most this long for the platform to answer


class GaveUp(AssertionError):
    """A request was still failing after OPERATION_DEADLINE."""


async def persist(truth: GroundTruth, label: str, step: Callable[[], Awaitable[T]], *,
                  resolve_conflict: Callable[[], Awaitable[T | None]] | None = None,
                  deadline: float = OPERATION_DEADLINE) -> T:
    """`step()` until it answers. After a failed attempt, a 409 goes to `resolve_conflict`:
    its result (our own earlier success) is returned; None means a real conflict (raised)."""
    give_up = time.monotonic() + deadline
    pause = 0.2
    failed_before = False
    while True:
        try:
            return await step()
        except StepRefused as refused:
            status = refused.response.status_code
            if status == 500:
                truth.server_errors.append(f"{label}: {refused}"[:600])
            if status == 409 and failed_before and resolve_conflict is not None:
                ours = await persist(truth, f"{label} (resolve)", resolve_conflict,
                                     deadline=deadline)
                if ours is not None:
                    truth.resolved[label] += 1
                    return ours
                raise
            if status not in RETRYABLE_STATUS and not _reused_key(refused):
                raise
            truth.retries[f"{label}: {status}"] += 1
            if status == 429:
                pause = max(pause, float(refused.response.headers.get("Retry-After", 1)))
        except (httpx.TransportError, httpx.TimeoutException) as exc:
            truth.retries[f"{label}: {type(exc).__name__}"] += 1
        failed_before = True
        if time.monotonic() > give_up:
            raise GaveUp(f"{label}: still failing after {deadline:.0f}s")
        await asyncio.sleep(pause)
        pause = min(pause * 2, 2.0)


def _reused_key(refused: StepRefused) -> bool:
    """The first request with this Idempotency-Key is still being answered: try again."""
    return refused.response.status_code == 409 and "being reused" in refused.response.text
