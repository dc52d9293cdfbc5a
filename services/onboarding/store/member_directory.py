"""SQL for the staff's pages of members: every installed solo (listed in the network's
directory or not, erased ones as such), newest installation first, keyset-paged."""

import datetime
import uuid

import asyncpg


async def member_page(conn: asyncpg.Connection, village: str | None,
                      after: tuple[datetime.date, uuid.UUID] | None,
                      limit: int) -> list[asyncpg.Record]:
    """Up to `limit + 1` members (one more tells there is a next page), ordered by
    installation date (newest first) then id; `after` is the last one of the page before."""
    after_on, after_id = after if after else (None, None)
    return await conn.fetch(
        """SELECT m.id, m.first_name, m.last_name, m.village, v.name AS village_name,
                  m.installed_on, m.sector, m.household_size, m.listed,
                  m.anonymised_at IS NOT NULL AS anonymised
           FROM members m JOIN villages v ON v.insee_code = m.village
           WHERE ($1::text IS NULL OR m.village = $1)
             AND ($2::date IS NULL OR (m.installed_on, m.id) < ($2::date, $3::uuid))
           ORDER BY m.installed_on DESC, m.id DESC LIMIT $4""",
        village, after_on, after_id, limit + 1)


async def villages_with_members(conn: asyncpg.Connection) -> list[asyncpg.Record]:
    """The villages where somebody was installed (insee_code, name, members), by name:
    the choices of the directory's village filter."""
    return await conn.fetch(
        "SELECT v.insee_code, v.name, count(*) AS members FROM members m "
        "JOIN villages v ON v.insee_code = m.village "
        "GROUP BY v.insee_code, v.name ORDER BY v.name, v.insee_code")


async def newest_of_village(conn: asyncpg.Connection, insee_code: str,
                            limit: int) -> list[asyncpg.Record]:
    """The households installed in this village, newest first, up to `limit + 1`."""
    return await conn.fetch(
        "SELECT id, first_name, household_size, installed_on, sector FROM members "
        "WHERE village = $1 AND anonymised_at IS NULL ORDER BY installed_on DESC, id DESC "
        "LIMIT $2", insee_code, limit + 1)


async def count_of_village(conn: asyncpg.Connection, insee_code: str) -> int:
    return await conn.fetchval("SELECT count(*) FROM members WHERE village = $1 "
                               "AND anonymised_at IS NULL", insee_code)
