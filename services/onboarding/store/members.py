"""SQL for members (installed solos), their directory card, and their follow-ups."""

import datetime
import uuid
from collections.abc import Sequence

import asyncpg

CARD_COLUMNS = ("listed", "profession", "skills", "website", "short_description")


async def insert_member(conn: asyncpg.Connection, member: dict) -> None:
    columns = list(member)
    placeholders = ", ".join(f"${i + 1}" for i in range(len(columns)))
    await conn.execute(f"INSERT INTO members ({', '.join(columns)}) VALUES ({placeholders})",
                       *member.values())


async def insert_follow_ups(conn: asyncpg.Connection, member_id: uuid.UUID,
                            schedule: Sequence[tuple[int, datetime.date]]) -> None:
    await conn.executemany(
        "INSERT INTO follow_ups (member_id, months, due_on) VALUES ($1, $2, $3)",
        [(member_id, months, due_on) for months, due_on in schedule])


MEMBER_WITH_VILLAGE = """
SELECT m.*, v.name AS village_name FROM members m JOIN villages v ON v.insee_code = m.village
"""


async def get_member(conn: asyncpg.Connection, member_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(MEMBER_WITH_VILLAGE + " WHERE m.id = $1", member_id)


async def search_directory(conn: asyncpg.Connection, text: str | None, village: str | None,
                           skill: str | None, limit: int, offset: int) -> list[asyncpg.Record]:
    """Listed members only; `text` is looked for in the name, profession, skills and
    description, case-insensitively."""
    return await conn.fetch(
        MEMBER_WITH_VILLAGE + """
        WHERE m.listed AND m.anonymised_at IS NULL
          AND ($1::text IS NULL OR position(lower($1) IN lower(concat_ws(' ',
              m.first_name, m.last_name, m.profession, array_to_string(m.skills, ' '),
              m.short_description, v.name))) > 0)
          AND ($2::text IS NULL OR m.village = $2)
          AND ($3::text IS NULL OR lower($3) = ANY (SELECT lower(s) FROM unnest(m.skills) s))
        ORDER BY m.last_name, m.first_name, m.id LIMIT $4 OFFSET $5""",
        text, village, skill, limit, offset)


async def update_card(conn: asyncpg.Connection, member_id: uuid.UUID, changes: dict) -> None:
    columns = [c for c in changes if c in CARD_COLUMNS]
    sets = "".join(f"{c} = ${i + 2}, " for i, c in enumerate(columns))
    await conn.execute(f"UPDATE members SET {sets}card_updated_at = now() WHERE id = $1",
                       member_id, *(changes[c] for c in columns))


async def follow_ups_of(conn: asyncpg.Connection, member_id: uuid.UUID) -> list[asyncpg.Record]:
    return await conn.fetch("SELECT * FROM follow_ups WHERE member_id = $1 ORDER BY months",
                            member_id)


async def record_follow_up(conn: asyncpg.Connection, member_id: uuid.UUID, months: int,
                           still_here: bool, activity_going: bool, note: str | None,
                           by: str) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "UPDATE follow_ups SET still_here = $3, activity_going = $4, note = $5, "
        "recorded_at = now(), recorded_by = $6 WHERE member_id = $1 AND months = $2 "
        "RETURNING *", member_id, months, still_here, activity_going, note, by)


async def due_follow_ups(conn: asyncpg.Connection, today: datetime.date,
                         limit: int) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT f.*, m.first_name, m.last_name, m.village, m.case_id FROM follow_ups f "
        "JOIN members m ON m.id = f.member_id "
        "WHERE f.recorded_at IS NULL AND f.due_on <= $1 ORDER BY f.due_on, f.member_id "
        "LIMIT $2", today, limit)


async def all_follow_ups(conn: asyncpg.Connection) -> list[asyncpg.Record]:
    return await conn.fetch("SELECT months, due_on, still_here, activity_going FROM follow_ups")


async def count_members(conn: asyncpg.Connection) -> int:
    return await conn.fetchval("SELECT count(*) FROM members")


async def households_of_village(conn: asyncpg.Connection,
                                insee_code: str) -> list[asyncpg.Record]:
    """The households installed in this village, newest first: what its committee may know
    of them (first name, household size, arrival date)."""
    return await conn.fetch(
        "SELECT id, first_name, household_size, installed_on FROM members "
        "WHERE village = $1 AND anonymised_at IS NULL ORDER BY installed_on DESC, id",
        insee_code)
