"""Events whose recipient is not known yet wait, parked, to be planned when they are
(event_messages replays them); those still waiting after 30 days are forgotten."""

import datetime
from typing import Any

import asyncpg
import structlog

from shared.events import CloudEvent

from ..store import people

log = structlog.get_logger("soho.notifications")
PARKED_FOR = datetime.timedelta(days=30)


async def park(conn: asyncpg.Connection, event: CloudEvent[Any], waiting_for: str,
               waiting_id: Any, prospect_id: Any) -> None:
    """Its recipient is not known yet: planned again when they are."""
    await people.park(conn, event.id, event.type, waiting_for, waiting_id, prospect_id,
                      event.model_dump(mode="json"))
    log.warning("notifications.parked", waiting_for=waiting_for, waiting_id=str(waiting_id))


async def forget_expired(pool: asyncpg.Pool) -> None:
    async with pool.acquire() as conn:
        forgotten = await people.forget_parked_before(
            conn, datetime.datetime.now(datetime.UTC) - PARKED_FOR)
    if forgotten:
        log.warning("notifications.parked_forgotten", events=forgotten)
