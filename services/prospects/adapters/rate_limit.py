"""A per-address limit on public contact attempts (web form and API), with `limits`.

Counts live in the process: each copy of the service counts on its own, which is enough to
stop a script hammering the form without keeping any record of visitors."""

import time

from fastapi import HTTPException, Request, status
from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import SlidingWindowCounterRateLimiter


class AddressRateLimit:
    def __init__(self, rule: str) -> None:
        self.item: RateLimitItem = parse(rule)
        self.limiter = SlidingWindowCounterRateLimiter(MemoryStorage())

    async def admit(self, address: str) -> bool:
        """Count one attempt from `address`; False once it is over the limit."""
        return await self.limiter.hit(self.item, "contact", address)

    async def retry_after(self, address: str) -> int:
        stats = await self.limiter.get_window_stats(self.item, "contact", address)
        return max(1, int(stats.reset_time - time.time()) + 1)


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def app_rate_limit(request: Request) -> AddressRateLimit:
    """The app's limiter (one per app, built from its settings on first use)."""
    state = request.app.state
    limiter = getattr(state, "contact_rate_limit", None)
    if limiter is None:
        limiter = state.contact_rate_limit = AddressRateLimit(
            state.settings.contact_rate_limit)
    return limiter


async def contact_rate_limit(request: Request) -> AddressRateLimit:
    return app_rate_limit(request)


async def within_contact_rate_limit(request: Request) -> None:
    """Counts the attempt before the body is validated: a flood of bad requests is limited
    too. (The limiter is looked up directly, not as a nested dependency: on this, the
    busiest public route, each dependency FastAPI resolves costs CPU on every request.)"""
    limiter = app_rate_limit(request)
    address = client_address(request)
    if not await limiter.admit(address):
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS,
                            "too many contacts from this address, retry later",
                            headers={"Retry-After": str(await limiter.retry_after(address))})
