"""A per-member cap on booking attempts, held in this process's memory: one counter for the
API (429) and the members' pages (the 429 page), so neither is a way around the other."""

import uuid

from limits import RateLimitItemPerMinute
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import MovingWindowRateLimiter


async def attempt_allowed(state, member_id: uuid.UUID, per_minute: int) -> bool:
    """Counts one attempt of the member; False past `per_minute` in a moving minute.
    `state` is the app's state, which keeps the counters."""
    limiter = getattr(state, "booking_limiter", None)
    if limiter is None:
        limiter = state.booking_limiter = MovingWindowRateLimiter(MemoryStorage())
    return await limiter.hit(RateLimitItemPerMinute(per_minute), "bookings", str(member_id))
