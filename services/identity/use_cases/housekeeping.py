"""Forgetting what can no longer be used: ended sessions, links expired a day ago,
rate-limit windows long past, and emails sent (or given up) a month ago. Safe to run from every copy of the service at once (plain
DELETEs of rows nobody else will change)."""

from datetime import timedelta

import asyncpg

from ..store import links, mail, sessions, throttle

KEEP_EXPIRED_LINKS = timedelta(days=1)  # a late click still says "expired", not "unknown"
KEEP_THROTTLE_WINDOWS = timedelta(days=1)
KEEP_DONE_MAIL = timedelta(days=30)  # to answer "did my invitation go?", then forgotten


async def forget_expired(pool: asyncpg.Pool) -> dict[str, int]:
    async with pool.acquire() as conn:
        return {"sessions": await sessions.delete_expired(conn),
                "links": await links.delete_expired(conn, KEEP_EXPIRED_LINKS),
                "throttle": await throttle.delete_old(conn, KEEP_THROTTLE_WINDOWS),
                "mail": await mail.delete_done(conn, KEEP_DONE_MAIL)}
