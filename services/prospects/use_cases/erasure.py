"""Erasing a person on request, and forgetting those who have not been in touch for years."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import asyncpg

from ..domain.pipeline import retention_cutoff
from ..store import erasure, idempotency, pipeline, reading
from . import events
from .errors import ProspectNotFound
from .reading import check_revision


async def erase(pool: asyncpg.Pool, prospect_id: uuid.UUID, actor: str,
                now: datetime, *, revision: str | None = None) -> datetime:
    """Anonymise the person and publish prospect.erased; erasing again changes nothing.
    Returns when the person was erased. (`revision`: RecordChanged if the prospect changed
    since the confirmation was shown.)"""
    async with pool.acquire() as conn, conn.transaction():
        row = await reading.prospect(conn, prospect_id, for_update=True)
        if row is None:
            raise ProspectNotFound(str(prospect_id))
        if row["erased_at"] is not None:
            return row["erased_at"]
        await check_revision(conn, prospect_id, revision)
        await _anonymise(conn, prospect_id, actor, now, reason="request")
    return now


async def _anonymise(conn: asyncpg.Connection, prospect_id: uuid.UUID, actor: str,
                     now: datetime, reason: str) -> None:
    await erasure.anonymise(conn, prospect_id, now)
    await pipeline.add_to_timeline(conn, prospect_id, now, actor, "erased",
                                   {"reason": reason})
    await events.stage(conn, events.prospect_erased(prospect_id), prospect_id)


@dataclass(frozen=True)
class RetentionReport:
    cutoff: datetime
    anonymised: int
    idempotency_keys_forgotten: int


async def apply_retention(pool: asyncpg.Pool, *, now: datetime, retention: timedelta,
                          idempotency_ttl: timedelta, batch_size: int = 200,
                          dry_run: bool = False) -> RetentionReport:
    """Anonymise every prospect with no contact since now - retention, in batches (each its
    own transaction, rows locked with SKIP LOCKED: two runs at once share the work)."""
    cutoff = retention_cutoff(now, retention)
    if dry_run:
        async with pool.acquire() as conn:
            return RetentionReport(cutoff, await erasure.count_inactive(conn, cutoff), 0)
    total = 0
    while True:
        async with pool.acquire() as conn, conn.transaction():
            ids = await erasure.lock_inactive(conn, cutoff, batch_size)
            for prospect_id in ids:
                await _anonymise(conn, prospect_id, "retention", now, reason="retention")
        total += len(ids)
        if len(ids) < batch_size:
            break
    async with pool.acquire() as conn:
        forgotten = await idempotency.forget_before(conn, now - idempotency_ttl)
    return RetentionReport(cutoff, total, forgotten)
