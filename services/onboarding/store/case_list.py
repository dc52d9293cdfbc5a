"""SQL for the staff's list of cases: each case with its current step (the pending step due
first), in one statement per page, keyset-paged on (step rank, due date, id)."""

import datetime
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import asyncpg

# A case with no pending step (all done, or abandoned) sorts after every due date.
NO_DUE_DATE = datetime.date(9999, 12, 31)
NO_STEP_RANK = 999


@dataclass(frozen=True)
class CaseListFilter:
    status: str | None = None       # open, installed, abandoned; None: all
    assigned_to: str | None = None
    unassigned: bool = False
    by_step: bool = False           # grouped by current step (template order) first
    after: tuple[int, datetime.date, uuid.UUID] | None = None


LISTED = """
SELECT * FROM (
  SELECT c.id, c.prospect_id, c.status, c.first_name, c.last_name, c.household_size,
         c.children, c.assigned_to, c.opened_at, c.updated_at, c.anonymised_at,
         cur.key AS current_key, cur.due_on AS current_due_on,
         CASE WHEN $1 THEN coalesce(array_position($2::text[], cur.key), {no_rank})
              ELSE 0 END AS sort_rank,
         coalesce(cur.due_on, '{no_due}'::date) AS sort_due
  FROM cases c
  LEFT JOIN LATERAL (
    SELECT s.key, s.due_on FROM case_steps s
    WHERE s.case_id = c.id AND s.status = 'pending' AND c.status <> 'abandoned'
    ORDER BY s.due_on, s.position LIMIT 1) cur ON true
  WHERE ($3::text IS NULL OR c.status = $3)
    AND ($4::text IS NULL OR c.assigned_to = $4)
    AND (NOT $5 OR c.assigned_to IS NULL)
) listed
WHERE ($6::int IS NULL OR (sort_rank, sort_due, id) > ($6, $7::date, $8::uuid))
ORDER BY sort_rank, sort_due, id
LIMIT $9
""".format(no_rank=NO_STEP_RANK, no_due=NO_DUE_DATE.isoformat())


async def list_cases(conn: asyncpg.Connection, f: CaseListFilter, step_order: Sequence[str],
                     limit: int) -> list[asyncpg.Record]:
    rank, due, case_id = f.after if f.after else (None, None, None)
    return await conn.fetch(LISTED, f.by_step, list(step_order), f.status, f.assigned_to,
                            f.unassigned, rank, due, case_id, limit)


async def assignees(conn: asyncpg.Connection, limit: int = 200) -> list[str]:
    """Everyone some case is assigned to, alphabetically (the filter's choices)."""
    rows = await conn.fetch("SELECT DISTINCT assigned_to FROM cases WHERE assigned_to IS NOT "
                            "NULL ORDER BY assigned_to LIMIT $1", limit)
    return [r["assigned_to"] for r in rows]


async def cases_of_prospect(conn: asyncpg.Connection,
                            prospect_id: uuid.UUID) -> list[asyncpg.Record]:
    """Every case of the prospect, newest first (an abandoned one may have been retried)."""
    return await conn.fetch(
        "SELECT c.*, m.id AS member_id, m.village AS installed_village, m.installed_on, "
        "v.name AS installed_village_name FROM cases c "
        "LEFT JOIN members m ON m.case_id = c.id "
        "LEFT JOIN villages v ON v.insee_code = m.village "
        "WHERE c.prospect_id = $1 ORDER BY c.opened_at DESC, c.id LIMIT 20", prospect_id)
