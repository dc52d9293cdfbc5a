"""SQL for asking members their follow-up questions: the milestones due and not asked yet,
and the mark that says they were asked (migration 0007)."""

import datetime

import asyncpg

# Unanswered, not asked, due in the period; a member erased or a household that said it
# left (at an earlier milestone) is not asked. Rows locked FOR UPDATE SKIP LOCKED: another
# copy of the service running the job at the same moment takes the others, or none.
TO_ASK = """
SELECT f.member_id, f.months, f.due_on, m.prospect_id, m.village AS insee_code,
       v.name AS village_name
FROM follow_ups f
JOIN members m ON m.id = f.member_id
JOIN villages v ON v.insee_code = m.village
WHERE f.asked_at IS NULL AND f.recorded_at IS NULL
  AND f.due_on BETWEEN $1 AND $2
  AND m.anonymised_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM follow_ups left_ WHERE left_.member_id = f.member_id
                  AND left_.still_here = false)
ORDER BY f.due_on, f.member_id, f.months
LIMIT $3
FOR UPDATE OF f SKIP LOCKED
"""


async def lock_to_ask(conn: asyncpg.Connection, first: datetime.date, last: datetime.date,
                      limit: int) -> list[asyncpg.Record]:
    return await conn.fetch(TO_ASK, first, last, limit)


async def mark_asked(conn: asyncpg.Connection, rows: list[asyncpg.Record],
                     at: datetime.datetime) -> None:
    await conn.execute(
        "UPDATE follow_ups f SET asked_at = $3 FROM unnest($1::uuid[], $2::smallint[]) "
        "AS asked (member_id, months) WHERE f.member_id = asked.member_id "
        "AND f.months = asked.months AND f.asked_at IS NULL",
        [r["member_id"] for r in rows], [r["months"] for r in rows], at)
