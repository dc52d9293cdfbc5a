"""SQL for installation cases and their checklist steps."""

import datetime
import uuid
from collections.abc import Sequence

import asyncpg

from ..domain import PlannedStep

CASE_WITH_MEMBER = """
SELECT c.*, m.id AS member_id, m.village AS installed_village, m.installed_on
FROM cases c LEFT JOIN members m ON m.case_id = c.id
"""


async def is_erased(conn: asyncpg.Connection, prospect_id: uuid.UUID) -> bool:
    return bool(await conn.fetchval(
        "SELECT true FROM erased_prospects WHERE prospect_id = $1", prospect_id))


async def insert_case(conn: asyncpg.Connection, case: dict) -> uuid.UUID | None:
    """The new case's id, or None when the prospect already has one in progress or done."""
    columns = list(case)
    placeholders = ", ".join(f"${i + 1}" for i in range(len(columns)))
    return await conn.fetchval(
        f"INSERT INTO cases ({', '.join(columns)}) VALUES ({placeholders}) "
        "ON CONFLICT (prospect_id) WHERE status <> 'abandoned' DO NOTHING RETURNING id",
        *case.values())


async def insert_steps(conn: asyncpg.Connection, case_id: uuid.UUID,
                       steps: Sequence[PlannedStep]) -> None:
    await conn.executemany(
        "INSERT INTO case_steps (case_id, key, position, owner_role, due_on, prerequisites) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        [(case_id, s.key, s.position, s.owner.value, s.due_on, list(s.prerequisites))
         for s in steps])


async def get_case(conn: asyncpg.Connection, case_id: uuid.UUID,
                   *, for_update: bool = False) -> asyncpg.Record | None:
    if for_update:  # lock the case row only (a LEFT JOIN cannot be locked FOR UPDATE)
        await conn.execute("SELECT 1 FROM cases WHERE id = $1 FOR UPDATE", case_id)
    return await conn.fetchrow(CASE_WITH_MEMBER + " WHERE c.id = $1", case_id)


async def list_cases(conn: asyncpg.Connection, prospect_id: uuid.UUID | None,
                     status: str | None, limit: int, offset: int) -> list[asyncpg.Record]:
    return await conn.fetch(
        CASE_WITH_MEMBER + " WHERE ($1::uuid IS NULL OR c.prospect_id = $1) "
        "AND ($2::text IS NULL OR c.status = $2) "
        "ORDER BY c.opened_at DESC, c.id LIMIT $3 OFFSET $4",
        prospect_id, status, limit, offset)


async def steps_of(conn: asyncpg.Connection,
                   case_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[asyncpg.Record]]:
    rows = await conn.fetch("SELECT * FROM case_steps WHERE case_id = ANY($1::uuid[]) "
                            "ORDER BY case_id, position", list(case_ids))
    grouped: dict[uuid.UUID, list[asyncpg.Record]] = {i: [] for i in case_ids}
    for row in rows:
        grouped[row["case_id"]].append(row)
    return grouped


async def resolve_step(conn: asyncpg.Connection, case_id: uuid.UUID, key: str, status: str,
                       by: str, skip_reason: str | None, note: str | None) -> None:
    await conn.execute(
        "UPDATE case_steps SET status = $3, resolved_at = now(), resolved_by = $4, "
        "skip_reason = $5, note = coalesce($6, note) WHERE case_id = $1 AND key = $2",
        case_id, key, status, by, skip_reason, note)
    await touch(conn, case_id)


async def reopen_step(conn: asyncpg.Connection, case_id: uuid.UUID, key: str) -> None:
    await conn.execute(
        "UPDATE case_steps SET status = 'pending', resolved_at = NULL, resolved_by = NULL, "
        "skip_reason = NULL WHERE case_id = $1 AND key = $2", case_id, key)
    await touch(conn, case_id)


async def touch(conn: asyncpg.Connection, case_id: uuid.UUID) -> None:
    await conn.execute("UPDATE cases SET updated_at = now() WHERE id = $1", case_id)


async def set_contact_agreement(conn: asyncpg.Connection, case_id: uuid.UUID,
                                agreed_on: datetime.date | None) -> None:
    await conn.execute("UPDATE cases SET contact_agreed_on = $2, updated_at = now() "
                       "WHERE id = $1", case_id, agreed_on)


async def update_case(conn: asyncpg.Connection, case_id: uuid.UUID, changes: dict) -> None:
    allowed = [c for c in changes if c in ("children", "notes", "assigned_to")]
    if not allowed:
        return
    sets = ", ".join(f"{c} = ${i + 2}" for i, c in enumerate(allowed))
    await conn.execute(f"UPDATE cases SET {sets}, updated_at = now() WHERE id = $1",
                       case_id, *(changes[c] for c in allowed))


async def close_case(conn: asyncpg.Connection, case_id: uuid.UUID, status: str,
                     reason: str | None) -> None:
    await conn.execute(
        "UPDATE cases SET status = $2, abandon_reason = $3, closed_at = now(), "
        "updated_at = now() WHERE id = $1", case_id, status, reason)


async def overdue_steps(conn: asyncpg.Connection, today: datetime.date,
                        limit: int) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT s.*, c.prospect_id, c.first_name, c.last_name, c.status AS case_status "
        "FROM case_steps s JOIN cases c ON c.id = s.case_id "
        "WHERE s.status = 'pending' AND s.due_on < $1 AND c.status <> 'abandoned' "
        "ORDER BY s.due_on, c.opened_at, s.position LIMIT $2", today, limit)


async def open_cases_wishing(conn: asyncpg.Connection,
                             insee_code: str) -> list[asyncpg.Record]:
    """Open cases whose household wishes to live in this village: what its committee may
    know of them (first name, household size, since when)."""
    return await conn.fetch(
        "SELECT id, first_name, household_size, children, opened_at FROM cases "
        "WHERE status = 'open' AND anonymised_at IS NULL AND $1 = ANY(target_villages) "
        "ORDER BY opened_at, id", insee_code)
