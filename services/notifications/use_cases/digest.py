"""Weekly digests of arrivals, for committees that chose them over one message each."""

import datetime

import asyncpg
import structlog

from ..config import NotificationsSettings
from ..domain import audience
from ..domain.digest_schedule import digest_id, last_boundary
from ..store import committees, digests
from .planning import Planner

log = structlog.get_logger("soho.notifications")
DIGEST_EVENT_TYPE = "arrivals.digest"


async def compose_due_digests(pool: asyncpg.Pool, settings: NotificationsSettings,
                              now: datetime.datetime | None = None) -> int:
    """Plans one digest per village whose arrivals waited past the weekly boundary (or whose
    committee went back to one message each). Safe to run in several copies at once: one
    copy composes a village at a time (an advisory lock: with row locks alone, SKIP LOCKED
    could split one week's arrivals between two copies), and the same arrivals always make
    the same digest id."""
    planner = Planner.from_settings(settings)
    now = now or datetime.datetime.now(datetime.UTC)
    boundary = last_boundary(now, settings.digest_weekday, settings.digest_hour)
    async with pool.acquire() as conn:
        villages = await digests.villages_waiting(conn)
    composed = 0
    for insee_code in villages:
        async with pool.acquire() as conn, conn.transaction():
            if not await digests.lock_village(conn, insee_code):
                continue  # another copy is composing this village's digest right now
            committee = await committees.committee(conn, insee_code)
            if committee is None:
                continue  # they wait for a committee to be recorded
            cutoff = boundary if committee.digest == "weekly" else now
            rows = await digests.take_items(conn, insee_code, cutoff)
            if not rows:
                continue
            event_ids = [row["event_id"] for row in rows]
            digest = digest_id(insee_code, boundary, event_ids)
            plan = audience.for_digest(committee, [digests.arrival_of(r) for r in rows], boundary)
            await planner.store_all(conn, digest, DIGEST_EVENT_TYPE, plan)
            await digests.mark_sent_in(conn, insee_code, event_ids, digest)
            composed += 1
            log.info("notifications.digest_planned", village=insee_code, arrivals=len(rows))
    return composed
