"""Rate limits on sign-in attempts and on requests that send an email, per address and per
client, counted in the database so that every copy of the service counts together."""

from datetime import UTC, datetime

import asyncpg

from ..config import IdentitySettings
from ..domain.throttle import Limit, Limits, retry_after, window_start
from ..store import throttle
from .errors import TooManyAttempts


def sign_in_limits(settings: IdentitySettings) -> Limits:
    window = settings.sign_in_window_seconds
    return Limits(Limit("sign_in:email", settings.sign_in_per_email, window),
                  Limit("sign_in:client", settings.sign_in_per_client, window))


def request_limits(settings: IdentitySettings) -> Limits:
    """Link and reset requests (one budget for both: each sends an email)."""
    window = settings.requests_window_seconds
    return Limits(Limit("request:email", settings.requests_per_email, window),
                  Limit("request:client", settings.requests_per_client, window))


async def count_attempt(conn: asyncpg.Connection, limits: Limits, *, email: str,
                        client: str, now: datetime | None = None) -> None:
    """Counts one attempt against both limits; raises TooManyAttempts when over either
    (with the longest wait)."""
    now = now or datetime.now(UTC)
    waits = []
    for limit, value in ((limits.per_email, email), (limits.per_client, client)):
        hits = await throttle.hit(conn, limit.key(value), window_start(now, limit.window_seconds))
        if hits > limit.hits:
            waits.append(retry_after(now, limit.window_seconds))
    if waits:
        raise TooManyAttempts(max(waits))
