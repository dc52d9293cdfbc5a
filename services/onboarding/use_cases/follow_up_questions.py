"""Asking members their follow-up questions (1, 6, 12 months after installation): each
milestone that falls due, unanswered, is marked asked and `follow_up.due` staged in the
outbox in one transaction (notifications emails the member the link to the page)."""

import datetime

import asyncpg
import structlog

from shared.config import ServiceSettings
from shared.events import FollowUpDue, InstalledVillage, new_event
from shared.outbox import stage_event

from .. import domain
from ..domain.follow_ups import asking_period
from ..store import follow_up_questions as store

log = structlog.get_logger("soho.onboarding")
BATCH = 200
SOURCE = "/soho/onboarding"


def follow_up_due(row: asyncpg.Record) -> FollowUpDue:
    return FollowUpDue(
        member_id=row["member_id"], prospect_id=row["prospect_id"], months=row["months"],
        due_on=row["due_on"],
        village=InstalledVillage(insee_code=row["insee_code"], name=row["village_name"]))


async def ask_due_follow_ups(pool: asyncpg.Pool, today: datetime.date, *,
                             source: str = SOURCE) -> int:
    """Asks every follow-up due on `today` (or in the asking window before it) not asked
    nor answered yet; how many were asked. Once per member and milestone, even with
    several copies of the service running (rows locked FOR UPDATE SKIP LOCKED, then
    marked in the same transaction as their event)."""
    first, last = asking_period(today)
    asked = 0
    while True:
        async with pool.acquire() as conn, conn.transaction():
            rows = await store.lock_to_ask(conn, first, last, BATCH)
            await store.mark_asked(conn, rows, datetime.datetime.now(datetime.UTC))
            for row in rows:
                await stage_event(conn, new_event(follow_up_due(row), source=source,
                                                  subject=str(row["member_id"])))
        asked += len(rows)
        if len(rows) < BATCH:
            if asked:
                log.info("onboarding.follow_ups_asked", count=asked)
            return asked


async def ask_due_follow_ups_job(pool: asyncpg.Pool, settings: ServiceSettings) -> None:
    """The periodic job (ServiceDefinition.periodic): the clock is read here, not below."""
    await ask_due_follow_ups(pool, domain.local_date(datetime.datetime.now(datetime.UTC)))
