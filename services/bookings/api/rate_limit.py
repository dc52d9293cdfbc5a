"""A per-member cap on booking attempts (429 past it), held in this process's memory."""

import uuid

from fastapi import HTTPException, Request
from limits import RateLimitItemPerMinute
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import MovingWindowRateLimiter


async def limit_booking_attempts(request: Request, member_id: uuid.UUID, per_minute: int) -> None:
    limiter = getattr(request.app.state, "booking_limiter", None)
    if limiter is None:
        limiter = request.app.state.booking_limiter = MovingWindowRateLimiter(MemoryStorage())
    if not await limiter.hit(RateLimitItemPerMinute(per_minute), "bookings", str(member_id)):
        raise HTTPException(429, [{"msg": f"more than {per_minute} booking attempts a minute",
                                   "msg_fr": f"plus de {per_minute} tentatives de réservation "
                                             "par minute", "type": "rate_limited"}],
                            headers={"Retry-After": "60"})
