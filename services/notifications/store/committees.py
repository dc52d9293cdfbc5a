"""This service's copy of the welcome committees' channels, per village."""

import datetime
import secrets

import asyncpg

from ..domain.audience import Committee

FIELDS = ("insee_code, village_name, email, locale, webhook_url, webhook_secret, digest, "
          "is_demo, updated_at, send_to")


def as_committee(row: asyncpg.Record) -> Committee:
    """The committee as messages are addressed: at the address it chose, else its own."""
    return Committee(row["insee_code"], row["village_name"], row["send_to"] or row["email"],
                     row["locale"], row["webhook_url"], row["digest"])


async def get(conn: asyncpg.Connection, insee_code: str,
              for_update: bool = False) -> asyncpg.Record | None:
    lock = " FOR UPDATE" if for_update else ""
    return await conn.fetchrow(f"SELECT {FIELDS} FROM committees WHERE insee_code = $1{lock}",
                               insee_code)


async def committee(conn: asyncpg.Connection, insee_code: str) -> Committee | None:
    row = await get(conn, insee_code)
    return None if row is None else as_committee(row)


async def all_(conn: asyncpg.Connection) -> list[asyncpg.Record]:
    return await conn.fetch(f"SELECT {FIELDS} FROM committees ORDER BY insee_code")


async def put(conn: asyncpg.Connection, *, insee_code: str, village_name: str, email: str | None,
              locale: str, webhook_url: str | None, webhook_secret: str | None, digest: str,
              is_demo: bool = False, send_to: str | None = None,
              keep_send_to: bool = True) -> tuple[asyncpg.Record, bool]:
    """(the committee, whether it is new). `send_to` is written only with keep_send_to
    False (the committee's own page); staff and the API leave the committee's choice."""
    row = await conn.fetchrow(
        f"INSERT INTO committees (insee_code, village_name, email, locale, webhook_url, "
        f"webhook_secret, digest, is_demo, send_to) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
        f"$9) ON CONFLICT (insee_code) DO UPDATE SET village_name = EXCLUDED.village_name, "
        f"email = EXCLUDED.email, locale = EXCLUDED.locale, webhook_url = EXCLUDED.webhook_url, "
        f"webhook_secret = EXCLUDED.webhook_secret, digest = EXCLUDED.digest, "
        f"is_demo = EXCLUDED.is_demo, updated_at = now(), send_to = CASE WHEN $10 "
        f"THEN committees.send_to ELSE EXCLUDED.send_to END "
        f"RETURNING {FIELDS}, (xmax = 0) AS created",
        insee_code, village_name, email, locale, webhook_url, webhook_secret, digest, is_demo,
        None if keep_send_to else send_to, keep_send_to)
    return row, row["created"]


async def learn(conn: asyncpg.Connection, insee_code: str, village_name: str, email: str | None,
                locale: str, webhook_url: str | None, *, at: datetime.datetime) -> bool:
    """A committee as an event of time `at` announced it; False (nothing written) when what
    is held comes from a newer event, or the committee was removed by a newer one. The
    digest preference and the webhook secret are this service's own and stay; a first
    webhook gets a new secret (staff read it with GET /api/committees/{insee_code} and hand
    it to the committee). `updated_at` (a page form's revision) moves only when a value
    does."""
    removed_at = await conn.fetchval(
        "SELECT removed_at FROM removed_committees WHERE insee_code = $1", insee_code)
    if removed_at is not None and removed_at >= at:
        return False
    return await conn.fetchval(
        "INSERT INTO committees (insee_code, village_name, email, locale, webhook_url, "
        "webhook_secret, learnt_at) VALUES ($1, $2, $3, $4, $5, CASE WHEN $5::text IS NULL "
        "THEN NULL ELSE $6 END, $7) ON CONFLICT (insee_code) DO UPDATE SET "
        "village_name = EXCLUDED.village_name, email = EXCLUDED.email, "
        "locale = EXCLUDED.locale, webhook_url = EXCLUDED.webhook_url, "
        "webhook_secret = CASE WHEN EXCLUDED.webhook_url IS NULL THEN NULL "
        "ELSE coalesce(committees.webhook_secret, $6) END, is_demo = false, "
        "learnt_at = EXCLUDED.learnt_at, updated_at = CASE WHEN "
        "(committees.village_name, committees.email, committees.locale, "
        "committees.webhook_url, committees.is_demo) IS DISTINCT FROM "
        "(EXCLUDED.village_name, EXCLUDED.email, EXCLUDED.locale, EXCLUDED.webhook_url, false) "
        "THEN now() ELSE committees.updated_at END "
        "WHERE committees.learnt_at IS NULL OR committees.learnt_at < EXCLUDED.learnt_at "
        "RETURNING true",
        insee_code, village_name, email and email.strip().lower(), locale, webhook_url,
        secrets.token_hex(32), at) is not None


async def forget(conn: asyncpg.Connection, insee_code: str, *, at: datetime.datetime) -> bool:
    """Onboarding removed the committee by an event of time `at`: deleted unless what is
    held comes from a newer event; the removal is remembered (an older event then changes
    nothing)."""
    await conn.execute(
        "INSERT INTO removed_committees (insee_code, removed_at) VALUES ($1, $2) "
        "ON CONFLICT (insee_code) DO UPDATE SET removed_at = "
        "greatest(removed_committees.removed_at, EXCLUDED.removed_at)", insee_code, at)
    return await conn.fetchval(
        "DELETE FROM committees WHERE insee_code = $1 AND (learnt_at IS NULL "
        "OR learnt_at < $2) RETURNING true", insee_code, at) is not None


async def delete(conn: asyncpg.Connection, insee_code: str) -> bool:
    return await conn.fetchval("DELETE FROM committees WHERE insee_code = $1 RETURNING true",
                               insee_code) is not None


async def webhook(conn: asyncpg.Connection, insee_code: str) -> tuple[str, str] | None:
    """(url, secret) of the committee's webhook, read when sending: a new URL or secret
    applies to what is still waiting."""
    row = await conn.fetchrow("SELECT webhook_url, webhook_secret FROM committees "
                              "WHERE insee_code = $1 AND webhook_url IS NOT NULL", insee_code)
    return None if row is None else (row["webhook_url"], row["webhook_secret"])


async def seed_if_empty(conn: asyncpg.Connection, committees: list[dict]) -> int:
    if await conn.fetchval("SELECT count(*) FROM committees"):
        return 0
    for c in committees:
        await put(conn, **c)
    return len(committees)
