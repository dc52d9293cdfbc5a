"""SQL for the members' own directory (their pages): opted-in cards only, searched by
skill and village, keyset-paged by name then id."""

import uuid

import asyncpg

# The order of the directory: surname, first name (case-insensitively), then id.
_KEY = "(lower(coalesce(m.last_name, '')), lower(coalesce(m.first_name, '')), m.id)"


async def listed_cards(conn: asyncpg.Connection, skill: str | None, village: str | None,
                       after: uuid.UUID | None, limit: int) -> list[asyncpg.Record]:
    """Up to `limit + 1` opted-in cards (one more tells there is a next page); `skill` is
    looked for in the skills, profession and description; `after` is the last card of the
    page before."""
    return await conn.fetch(
        f"""SELECT m.id, m.first_name, m.last_name, m.village, v.name AS village_name,
                   m.profession, m.skills, m.website, m.short_description
            FROM members m JOIN villages v ON v.insee_code = m.village
            WHERE m.listed AND m.anonymised_at IS NULL
              AND ($1::text IS NULL OR position(lower($1) IN lower(concat_ws(' ',
                  m.profession, array_to_string(m.skills, ' '), m.short_description))) > 0)
              AND ($2::text IS NULL OR m.village = $2)
              AND ($3::uuid IS NULL OR {_KEY} > (
                  SELECT lower(coalesce(a.last_name, '')), lower(coalesce(a.first_name, '')),
                         a.id FROM members a WHERE a.id = $3))
            ORDER BY {_KEY.strip('()')} LIMIT $4""",
        skill, village, after, limit + 1)


async def villages_with_cards(conn: asyncpg.Connection) -> list[asyncpg.Record]:
    """The villages where somebody opted in (insee_code, name, cards), by name."""
    return await conn.fetch(
        "SELECT v.insee_code, v.name, count(*) AS cards FROM members m "
        "JOIN villages v ON v.insee_code = m.village "
        "WHERE m.listed AND m.anonymised_at IS NULL "
        "GROUP BY v.insee_code, v.name ORDER BY v.name, v.insee_code")


async def member_for_update(conn: asyncpg.Connection,
                            member_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow("SELECT * FROM members WHERE id = $1 FOR UPDATE", member_id)


async def follow_up(conn: asyncpg.Connection, member_id: uuid.UUID,
                    months: int) -> asyncpg.Record | None:
    return await conn.fetchrow("SELECT * FROM follow_ups WHERE member_id = $1 AND months = $2",
                               member_id, months)
