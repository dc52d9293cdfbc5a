"""SQL of identity.accounts, identity.prospects, identity.installations and
identity.erased_people."""

import uuid

import asyncpg

COLUMNS = ("id, role, email, name, locale, password_hash, admin, member_id, prospect_id, "
           "village, disabled_at, failed_sign_ins, slowed_until, last_sign_in_at, created_at")


async def by_email(conn: asyncpg.Connection, email: str) -> asyncpg.Record | None:
    return await conn.fetchrow(f"SELECT {COLUMNS} FROM accounts WHERE email = $1", email)


async def by_id(conn: asyncpg.Connection, account_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(f"SELECT {COLUMNS} FROM accounts WHERE id = $1", account_id)


async def by_member(conn: asyncpg.Connection, member_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(f"SELECT {COLUMNS} FROM accounts WHERE member_id = $1",
                               member_id)


async def by_prospect(conn: asyncpg.Connection, prospect_id: uuid.UUID) -> list[asyncpg.Record]:
    return await conn.fetch(f"SELECT {COLUMNS} FROM accounts WHERE prospect_id = $1",
                            prospect_id)


async def committees_of(conn: asyncpg.Connection, village: str) -> list[asyncpg.Record]:
    return await conn.fetch(
        f"SELECT {COLUMNS} FROM accounts WHERE role = 'committee' AND village = $1", village)


async def staff(conn: asyncpg.Connection) -> list[asyncpg.Record]:
    return await conn.fetch(f"SELECT {COLUMNS} FROM accounts WHERE role = 'staff' "
                            "ORDER BY disabled_at IS NOT NULL, lower(name), email")


async def insert(conn: asyncpg.Connection, *, role: str, email: str, name: str = "",
                 locale: str = "fr", admin: bool = False, member_id: uuid.UUID | None = None,
                 prospect_id: uuid.UUID | None = None,
                 village: str | None = None) -> asyncpg.Record | None:
    """The new account, or None when the address or the member already has one."""
    return await conn.fetchrow(
        f"INSERT INTO accounts (id, role, email, name, locale, admin, member_id, prospect_id, "
        f"village) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING "
        f"RETURNING {COLUMNS}",
        uuid.uuid4(), role, email, name, locale, admin, member_id, prospect_id, village)


async def update_profile(conn: asyncpg.Connection, account_id: uuid.UUID, *,
                         name: str | None = None, locale: str | None = None,
                         village: str | None = None) -> None:
    await conn.execute(
        "UPDATE accounts SET name = coalesce($2, name), locale = coalesce($3, locale), "
        "village = coalesce($4, village), updated_at = now() WHERE id = $1",
        account_id, name, locale, village)


async def set_password_hash(conn: asyncpg.Connection, account_id: uuid.UUID,
                            password_hash: str) -> None:
    await conn.execute("UPDATE accounts SET password_hash = $2, failed_sign_ins = 0, "
                       "slowed_until = NULL, updated_at = now() WHERE id = $1",
                       account_id, password_hash)


async def set_disabled(conn: asyncpg.Connection, account_id: uuid.UUID, disabled: bool) -> bool:
    """Whether it changed."""
    done = await conn.execute(
        "UPDATE accounts SET disabled_at = CASE WHEN $2 THEN now() END, updated_at = now() "
        "WHERE id = $1 AND (disabled_at IS NOT NULL) <> $2", account_id, disabled)
    return done != "UPDATE 0"


async def set_admin(conn: asyncpg.Connection, account_id: uuid.UUID, admin: bool) -> bool:
    done = await conn.execute(
        "UPDATE accounts SET admin = $2, updated_at = now() "
        "WHERE id = $1 AND role = 'staff' AND admin <> $2", account_id, admin)
    return done != "UPDATE 0"


async def record_failure(conn: asyncpg.Connection, account_id: uuid.UUID) -> int:
    """One more wrong password in a row; the count."""
    return await conn.fetchval(
        "UPDATE accounts SET failed_sign_ins = failed_sign_ins + 1 WHERE id = $1 "
        "RETURNING failed_sign_ins", account_id)


async def slow_down(conn: asyncpg.Connection, account_id: uuid.UUID, seconds: float) -> None:
    await conn.execute(
        "UPDATE accounts SET slowed_until = now() + make_interval(secs => $2) WHERE id = $1",
        account_id, seconds)


async def record_sign_in(conn: asyncpg.Connection, account_id: uuid.UUID) -> None:
    await conn.execute("UPDATE accounts SET failed_sign_ins = 0, slowed_until = NULL, "
                       "last_sign_in_at = now() WHERE id = $1", account_id)


async def delete(conn: asyncpg.Connection, account_id: uuid.UUID) -> None:
    """Its sessions, links and mail go with it (ON DELETE CASCADE)."""
    await conn.execute("DELETE FROM accounts WHERE id = $1", account_id)


async def keep_prospect(conn: asyncpg.Connection, *, prospect_id: uuid.UUID, email: str,
                        first_name: str, last_name: str, locale: str) -> None:
    await conn.execute(
        "INSERT INTO prospects (prospect_id, email, first_name, last_name, locale) "
        "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (prospect_id) DO UPDATE SET "
        "email = excluded.email, first_name = excluded.first_name, "
        "last_name = excluded.last_name, locale = excluded.locale, learnt_at = now()",
        prospect_id, email, first_name, last_name, locale)


async def prospect(conn: asyncpg.Connection, prospect_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow("SELECT prospect_id, email, first_name, last_name, locale "
                               "FROM prospects WHERE prospect_id = $1", prospect_id)


async def forget_prospect(conn: asyncpg.Connection,
                          prospect_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow("DELETE FROM prospects WHERE prospect_id = $1 "
                               "RETURNING email", prospect_id)


async def lock_person(conn: asyncpg.Connection, prospect_id: uuid.UUID) -> None:
    """Until the transaction ends, no other handler works on this person: prospect.qualified
    and solo.installed, on two queues, each see what the other committed."""
    await conn.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 15))",
                       str(prospect_id))


async def keep_installation(conn: asyncpg.Connection, *, prospect_id: uuid.UUID,
                            member_id: uuid.UUID, village_name: str) -> None:
    await conn.execute(
        "INSERT INTO installations (prospect_id, member_id, village_name) VALUES ($1, $2, $3) "
        "ON CONFLICT (prospect_id) DO NOTHING", prospect_id, member_id, village_name)


async def installation(conn: asyncpg.Connection,
                       prospect_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow("SELECT member_id, village_name FROM installations "
                               "WHERE prospect_id = $1", prospect_id)


async def forget_installation(conn: asyncpg.Connection, prospect_id: uuid.UUID) -> None:
    await conn.execute("DELETE FROM installations WHERE prospect_id = $1", prospect_id)


async def is_erased(conn: asyncpg.Connection, prospect_id: uuid.UUID) -> bool:
    return bool(await conn.fetchval(
        "SELECT true FROM erased_people WHERE prospect_id = $1", prospect_id))


async def mark_erased(conn: asyncpg.Connection, prospect_id: uuid.UUID) -> None:
    """Kept for good (an id, no personal data): housekeeping never deletes it."""
    await conn.execute("INSERT INTO erased_people (prospect_id) VALUES ($1) "
                       "ON CONFLICT DO NOTHING", prospect_id)
