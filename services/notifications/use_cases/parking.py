"""Events whose recipient is not known yet wait, parked, to be planned when they are; those
still waiting after 30 days are forgotten."""

import datetime

import asyncpg
import structlog

from ..store import people

log = structlog.get_logger("soho.notifications")
PARKED_FOR = datetime.timedelta(days=30)


async def forget_expired(pool: asyncpg.Pool) -> None:
    async with pool.acquire() as conn:
        forgotten = await people.forget_parked_before(
            conn, datetime.datetime.now(datetime.UTC) - PARKED_FOR)
    if forgotten:
        log.warning("notifications.parked_forgotten", events=forgotten)
