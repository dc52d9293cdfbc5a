"""This service's copy of the members, and the people erased."""

import uuid
from datetime import date

import asyncpg

MEMBER_COLUMNS = "member_id, prospect_id, village_insee, village_name, installed_on, joined_at"


async def upsert_member(conn: asyncpg.Connection, member_id: uuid.UUID, prospect_id: uuid.UUID,
                        village_insee: str, village_name: str, installed_on: date,
                        feed_token: str) -> None:
    """Insert the member, or refresh their village if they were already known (the feed
    token of a known member is kept)."""
    await conn.execute(
        "INSERT INTO members (member_id, prospect_id, village_insee, village_name, installed_on,"
        " feed_token) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (member_id) DO UPDATE SET "
        "village_insee = excluded.village_insee, village_name = excluded.village_name, "
        "installed_on = excluded.installed_on",
        member_id, prospect_id, village_insee, village_name, installed_on, feed_token)


async def get_member(conn: asyncpg.Connection, member_id: uuid.UUID, *,
                     lock: bool = False) -> asyncpg.Record | None:
    """The member; with `lock`, held until the transaction ends (serialises one member's
    bookings so the weekly quota cannot be overrun by two requests at once)."""
    suffix = " FOR UPDATE" if lock else ""
    return await conn.fetchrow(
        f"SELECT {MEMBER_COLUMNS}, feed_token FROM members WHERE member_id = $1{suffix}",
        member_id)


async def member_by_feed_token(conn: asyncpg.Connection, token: str) -> asyncpg.Record | None:
    return await conn.fetchrow(f"SELECT {MEMBER_COLUMNS} FROM members WHERE feed_token = $1",
                               token)


async def set_feed_token(conn: asyncpg.Connection, member_id: uuid.UUID, token: str) -> None:
    await conn.execute("UPDATE members SET feed_token = $2 WHERE member_id = $1",
                       member_id, token)


async def members_with_no_shows(conn: asyncpg.Connection) -> list[asyncpg.Record]:
    return await conn.fetch(
        f"SELECT {', '.join('m.' + c for c in MEMBER_COLUMNS.split(', '))}, "
        "count(b.id) FILTER (WHERE b.status = 'no_show') AS no_shows, "
        "count(b.id) FILTER (WHERE b.status IN ('booked', 'checked_in')) AS active_bookings "
        "FROM members m LEFT JOIN bookings b ON b.member_id = m.member_id "
        "GROUP BY m.member_id ORDER BY m.joined_at, m.member_id")


async def no_shows_of(conn: asyncpg.Connection, member_id: uuid.UUID) -> int:
    return await conn.fetchval("SELECT count(*) FROM bookings WHERE member_id = $1 "
                               "AND status = 'no_show'", member_id)


async def lock_person(conn: asyncpg.Connection, prospect_id: uuid.UUID) -> None:
    """Serialise what happens to one person (installed, erased) until the transaction ends,
    so an erasure and a solo.installed handled at once cannot miss each other."""
    await conn.execute(
        "SELECT pg_advisory_xact_lock(hashtext('bookings.person:' || $1::uuid::text))",
        prospect_id)


async def is_erased(conn: asyncpg.Connection, prospect_id: uuid.UUID) -> bool:
    return bool(await conn.fetchval(
        "SELECT true FROM erased_prospects WHERE prospect_id = $1", prospect_id))


async def mark_erased(conn: asyncpg.Connection, prospect_id: uuid.UUID) -> None:
    await conn.execute("INSERT INTO erased_prospects (prospect_id) VALUES ($1) "
                       "ON CONFLICT DO NOTHING", prospect_id)


async def members_of_prospect(conn: asyncpg.Connection,
                              prospect_id: uuid.UUID) -> list[uuid.UUID]:
    rows = await conn.fetch("SELECT member_id FROM members WHERE prospect_id = $1 FOR UPDATE",
                            prospect_id)
    return [r["member_id"] for r in rows]


async def delete_member(conn: asyncpg.Connection, member_id: uuid.UUID) -> None:
    """Forget the member; their bookings stay, unlinked (ON DELETE SET NULL)."""
    await conn.execute("UPDATE bookings SET anonymised_at = now() WHERE member_id = $1",
                       member_id)
    await conn.execute("DELETE FROM members WHERE member_id = $1", member_id)
