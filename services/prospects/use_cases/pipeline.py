"""Staff move a prospect along: stage, notes, assignment, qualification; onboarding tells
us who is installed. Each change and its timeline entry commit together."""

import uuid
from dataclasses import asdict
from datetime import datetime

import asyncpg

from ..domain.pipeline import (Qualification, Score, check_can_qualify, check_stage_change,
                               qualification_score)
from ..domain.vocabulary import Stage
from ..store import pipeline, reading
from . import events
from .errors import ProspectErased, ProspectNotFound, StageMovedMeanwhile
from .reading import check_revision


async def _locked(conn: asyncpg.Connection, prospect_id: uuid.UUID,
                  revision: str | None = None) -> asyncpg.Record:
    """The prospect's row, locked; RecordChanged if it is no longer at `revision` (a page's
    form was built from an older state; the JSON API passes None)."""
    row = await reading.prospect(conn, prospect_id, for_update=True)
    if row is None:
        raise ProspectNotFound(str(prospect_id))
    if row["erased_at"] is not None:
        raise ProspectErased(str(prospect_id))
    await check_revision(conn, prospect_id, revision)
    return row


async def change_stage(pool: asyncpg.Pool, prospect_id: uuid.UUID, stage: Stage,
                       reason: str | None, actor: str, now: datetime, *,
                       seen: Stage | None = None, revision: str | None = None) -> None:
    """Move the prospect to `stage` (lost: for `reason`). `seen`: the stage the person saw
    it at (the board's card); StageMovedMeanwhile if it has moved since. `revision`: the
    state a prospect file's form was built from; RecordChanged if it changed since."""
    async with pool.acquire() as conn, conn.transaction():
        row = await _locked(conn, prospect_id, revision)
        current = Stage(row["stage"])
        if seen is not None and seen is not current:
            raise StageMovedMeanwhile(seen.value, current.value)
        qualified = await reading.qualification(conn, prospect_id) is not None
        check_stage_change(current, stage, qualified=qualified, reason=reason)
        reached = now if stage is Stage.CONTACTED else None
        await pipeline.set_stage(conn, prospect_id, stage,
                                 reason if stage is Stage.LOST else None,
                                 touched_person_at=reached)
        details = {"from": current.value, "to": stage.value}
        if reason:
            details["reason"] = reason
        await pipeline.add_to_timeline(conn, prospect_id, now, actor, "stage", details)


async def add_note(pool: asyncpg.Pool, prospect_id: uuid.UUID, text: str, actor: str,
                   now: datetime, *, revision: str | None = None) -> None:
    async with pool.acquire() as conn, conn.transaction():
        await _locked(conn, prospect_id, revision)
        await pipeline.add_to_timeline(conn, prospect_id, now, actor, "note",
                                       {"text": text})


async def assign(pool: asyncpg.Pool, prospect_id: uuid.UUID, assigned_to: str | None,
                 actor: str, now: datetime, *, revision: str | None = None) -> None:
    """Assign a staff member to the prospect (None: nobody)."""
    async with pool.acquire() as conn, conn.transaction():
        row = await _locked(conn, prospect_id, revision)
        if row["assigned_to"] == assigned_to:
            return
        await pipeline.set_assignee(conn, prospect_id, assigned_to)
        await pipeline.add_to_timeline(conn, prospect_id, now, actor, "assignment",
                                       {"from": row["assigned_to"], "to": assigned_to})


async def qualify(pool: asyncpg.Pool, prospect_id: uuid.UUID, q: Qualification,
                  actor: str, now: datetime, *, revision: str | None = None) -> Score:
    async with pool.acquire() as conn, conn.transaction():
        row = await _locked(conn, prospect_id, revision)
        already = await reading.qualification(conn, prospect_id) is not None
        check_can_qualify(Stage(row["stage"]), already_qualified=already)
        score = qualification_score(
            q.remote_work_viability, q.move_horizon, adults=q.household_adults,
            children=q.household_children, target_villages=q.target_villages)
        record = {**q.as_record(), "score": score.value,
                  "score_reasons": [asdict(r) for r in score.reasons], "qualified_by": actor}
        await pipeline.record_qualification(conn, prospect_id, record, now)
        await pipeline.add_to_timeline(conn, prospect_id, now, actor, "qualification",
                                       {"from": row["stage"], "to": "qualified",
                                        "score": score.value})
        await events.stage(conn, events.prospect_qualified(row, record), prospect_id)
    return score


async def mark_installed(conn: asyncpg.Connection, prospect_id: uuid.UUID,
                         household_size: int, village: dict, at: datetime) -> bool:
    """onboarding installed the household (runs in the inbox transaction)."""
    size = household_size if 1 <= household_size <= 50 else None
    if not await pipeline.mark_installed(conn, prospect_id, size, village["insee_code"]):
        return False
    await pipeline.add_to_timeline(conn, prospect_id, at, "onboarding", "installed",
                                   {"village": village})
    return True
