"""SQL for what committees keep: the day they made contact with a household, and their
village's page on the public site."""

import datetime
import uuid

import asyncpg

PAGE_FIELDS = ("welcome", "services", "housing", "photos_alt", "contact")
PAGE_COLUMNS = tuple(f"{name}_{lang}" for name in PAGE_FIELDS for lang in ("fr", "en"))
# The household's address goes out of the database only while it agrees to be contacted
# (onboarding holds no phone number: prospect.qualified carries none).
AGREED_CONTACT = ("c.contact_agreed_on, CASE WHEN c.contact_agreed_on IS NOT NULL "
                  "AND c.anonymised_at IS NULL THEN c.email END AS email")


async def expected_households(conn: asyncpg.Connection, insee_code: str) -> list[asyncpg.Record]:
    """Open cases whose household wishes to live in this village: first name, household
    size, since when, the day this village's committee made contact (or NULL), and the
    household's address only while it agrees to be contacted by the committee."""
    return await conn.fetch(
        "SELECT c.id AS case_id, c.first_name, c.household_size, c.children, c.opened_at, "
        f"k.contacted_on, {AGREED_CONTACT} FROM cases c "
        "LEFT JOIN committee_contacts k ON k.case_id = c.id AND k.village = $1 "
        "WHERE c.status = 'open' AND c.anonymised_at IS NULL AND $1 = ANY(c.target_villages) "
        "ORDER BY c.opened_at, c.id", insee_code)


async def installed_households(conn: asyncpg.Connection,
                               insee_code: str) -> list[asyncpg.Record]:
    """Households installed in this village, newest first, with the contact day (and the
    address while the household agrees to be contacted)."""
    return await conn.fetch(
        "SELECT m.case_id, m.first_name, m.household_size, NULL::integer AS children, "
        f"m.installed_on, k.contacted_on, {AGREED_CONTACT} FROM members m "
        "JOIN cases c ON c.id = m.case_id "
        "LEFT JOIN committee_contacts k ON k.case_id = m.case_id AND k.village = $1 "
        "WHERE m.village = $1 AND m.anonymised_at IS NULL "
        "ORDER BY m.installed_on DESC, m.case_id", insee_code)


async def is_household_of(conn: asyncpg.Connection, case_id: uuid.UUID,
                          insee_code: str) -> bool:
    """Whether this village's committee sees this case: open and wishing the village, or
    installed there. (Locks the case row: the contact is written in the same transaction.)"""
    return bool(await conn.fetchval(
        "SELECT true FROM cases c LEFT JOIN members m ON m.case_id = c.id "
        "WHERE c.id = $1 AND c.anonymised_at IS NULL AND ("
        " (c.status = 'open' AND $2 = ANY(c.target_villages)) "
        " OR (m.village = $2 AND m.anonymised_at IS NULL)) FOR UPDATE OF c",
        case_id, insee_code))


async def record_contact(conn: asyncpg.Connection, case_id: uuid.UUID, insee_code: str,
                         day: datetime.date, by: str) -> None:
    await conn.execute(
        "INSERT INTO committee_contacts (case_id, village, contacted_on, recorded_by) "
        "VALUES ($1, $2, $3, $4) ON CONFLICT (case_id, village) DO UPDATE SET "
        "contacted_on = EXCLUDED.contacted_on, recorded_by = EXCLUDED.recorded_by, "
        "recorded_at = now()", case_id, insee_code, day, by)


async def contacts_of_case(conn: asyncpg.Connection, case_id: uuid.UUID) -> list[asyncpg.Record]:
    """The committees that made contact with this household: village name, day, who."""
    return await conn.fetch(
        "SELECT k.village, v.name AS village_name, k.contacted_on, k.recorded_by, "
        "k.recorded_at FROM committee_contacts k JOIN villages v ON v.insee_code = k.village "
        "WHERE k.case_id = $1 ORDER BY k.contacted_on, v.name", case_id)


async def get_page(conn: asyncpg.Connection, insee_code: str,
                   *, for_update: bool = False) -> asyncpg.Record | None:
    lock = " FOR UPDATE" if for_update else ""
    return await conn.fetchrow(f"SELECT * FROM village_pages WHERE insee_code = $1{lock}",
                               insee_code)


async def save_page(conn: asyncpg.Connection, insee_code: str, texts: dict[str, str | None],
                    by: str) -> int:
    """Insert or replace the published texts; the new revision."""
    values = [texts.get(column) for column in PAGE_COLUMNS]
    placeholders = ", ".join(f"${i + 3}" for i in range(len(PAGE_COLUMNS)))
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in PAGE_COLUMNS)
    return await conn.fetchval(
        f"INSERT INTO village_pages (insee_code, published_by, {', '.join(PAGE_COLUMNS)}) "
        f"VALUES ($1, $2, {placeholders}) ON CONFLICT (insee_code) DO UPDATE SET {updates}, "
        "revision = village_pages.revision + 1, published_at = now(), "
        "published_by = EXCLUDED.published_by RETURNING revision",
        insee_code, by, *values)


async def public_villages(conn: asyncpg.Connection) -> list[asyncpg.Record]:
    """Host and associated villages, hosts first, by name."""
    return await conn.fetch(
        "SELECT insee_code, name, host_status, population FROM villages "
        "WHERE host_status <> 'none' ORDER BY host_status = 'associated', name, insee_code")
