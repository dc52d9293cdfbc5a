"""Changing a prospect's stage, assignment and qualification, each with its timeline entry."""

import json
import uuid
from datetime import datetime

import asyncpg


async def add_to_timeline(conn: asyncpg.Connection, prospect_id: uuid.UUID, at: datetime,
                          actor: str, kind: str, details: dict) -> None:
    await conn.execute("INSERT INTO timeline (prospect_id, at, actor, kind, details) "
                       "VALUES ($1, $2, $3, $4, $5::jsonb)",
                       prospect_id, at, actor, kind, json.dumps(details))


async def add_villages(conn: asyncpg.Connection, prospect_id: uuid.UUID,
                       codes: list[str]) -> None:
    """Villages the prospect has in mind, for the village filter of the staff list."""
    await conn.execute(
        "INSERT INTO prospect_villages (insee_code, created_at, prospect_id) "
        "SELECT code, p.created_at, p.id FROM prospects p, unnest($2::text[]) AS code "
        "WHERE p.id = $1 ON CONFLICT DO NOTHING", prospect_id, codes)


async def set_stage(conn: asyncpg.Connection, prospect_id: uuid.UUID, stage: str,
                    lost_reason: str | None, *, touched_person_at: datetime | None) -> None:
    """`touched_person_at`: staff reached the person (counts as a contact for retention)."""
    await conn.execute(
        "UPDATE prospects SET stage = $2, lost_reason = $3, "
        "last_contact_at = GREATEST(last_contact_at, COALESCE($4, last_contact_at)) "
        "WHERE id = $1", prospect_id, stage, lost_reason, touched_person_at)


async def set_assignee(conn: asyncpg.Connection, prospect_id: uuid.UUID,
                       assigned_to: str | None) -> None:
    await conn.execute("UPDATE prospects SET assigned_to = $2 WHERE id = $1",
                       prospect_id, assigned_to)


async def record_qualification(conn: asyncpg.Connection, prospect_id: uuid.UUID, q: dict,
                               at: datetime) -> None:
    """The qualification row (a second one is a unique violation) and the prospect's stage,
    household, villages and score brought in line with it."""
    await conn.execute(
        "INSERT INTO qualifications (prospect_id, remote_work_viability, household_adults, "
        "household_children, target_villages, move_horizon, sector, score, score_reasons, "
        "notes, qualified_by, qualified_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12)",
        prospect_id, q["remote_work_viability"], q["household_adults"],
        q["household_children"], q["target_villages"], q["move_horizon"], q["sector"],
        q["score"], json.dumps(q["score_reasons"]), q["notes"], q["qualified_by"], at)
    await conn.execute(
        "UPDATE prospects SET stage = 'qualified', household_adults = $2, "
        "household_children = $3, household_size = $2::smallint + $3::smallint, "
        "target_villages = $4, "
        "move_horizon = $5, sector = COALESCE($6, sector), score = $7, "
        "last_contact_at = GREATEST(last_contact_at, $8) WHERE id = $1",
        prospect_id, q["household_adults"], q["household_children"], q["target_villages"],
        q["move_horizon"], q["sector"], q["score"], at)
    await add_villages(conn, prospect_id, q["target_villages"])


async def mark_installed(conn: asyncpg.Connection, prospect_id: uuid.UUID,
                         household_size: int | None, village: str) -> bool:
    """Stage installed, from whatever stage; False if there is no such (unerased) person."""
    result = await conn.execute(
        "UPDATE prospects SET stage = 'installed', lost_reason = NULL, "
        "household_size = COALESCE($2, household_size), "
        "target_villages = CASE WHEN $3 = ANY (target_villages) THEN target_villages "
        "ELSE target_villages || $3 END "
        "WHERE id = $1 AND erased_at IS NULL", prospect_id, household_size, village)
    if result == "UPDATE 0":
        return False
    await add_villages(conn, prospect_id, [village])
    return True
