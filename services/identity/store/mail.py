"""The outgoing_mail table: written by queue_mail in the caller's transaction, leased and
settled by the mail worker. Waking the worker is a NOTIFY on `<schema>_mail` (identity_mail),
which PostgreSQL delivers only if the transaction commits."""

import uuid

from datetime import timedelta

import asyncpg

COLUMNS = """id, account_id, to_address, template, subject, text_body, html_body, message_id,
created_at, attempts, next_attempt_at, leased_until, sent_at, failed_at, last_error"""

INSERT = """
INSERT INTO outgoing_mail (id, account_id, to_address, template, subject, text_body,
    html_body, message_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
"""

# Taking a mail records the attempt before it is made; leased_until is how long this
# sender holds it. Past it, another sender takes it back (this one died mid-send).
LEASE = f"""
WITH due AS (
    SELECT id FROM outgoing_mail
    WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
      AND (leased_until IS NULL OR leased_until <= now())
    ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED
)
UPDATE outgoing_mail m SET attempts = m.attempts + 1,
    leased_until = now() + make_interval(secs => $2)
FROM due WHERE m.id = due.id
RETURNING {', '.join('m.' + c.strip() for c in COLUMNS.split(','))}
"""

# Each outcome applies only to the attempt that leased the row: if the lease ran out and
# another sender took it (attempts moved on), that one records the outcome.
THIS_ATTEMPT = "id = $1 AND attempts = $2 AND sent_at IS NULL AND failed_at IS NULL"

SENT = f"""
UPDATE outgoing_mail SET sent_at = now(), leased_until = NULL, text_body = NULL,
    html_body = NULL
WHERE {THIS_ATTEMPT} RETURNING id
"""

RETRY = f"""
UPDATE outgoing_mail SET leased_until = NULL, last_error = $3,
    next_attempt_at = now() + make_interval(secs => $4)
WHERE {THIS_ATTEMPT} RETURNING id
"""

# A mail given up on never goes: its link need not stay readable here either.
FAILED = f"""
UPDATE outgoing_mail SET failed_at = now(), leased_until = NULL, last_error = $3,
    text_body = NULL, html_body = NULL
WHERE {THIS_ATTEMPT} RETURNING id
"""

NEXT_DUE = """
SELECT extract(epoch FROM min(greatest(next_attempt_at, coalesce(leased_until, next_attempt_at)))
    - now())
FROM outgoing_mail WHERE sent_at IS NULL AND failed_at IS NULL
"""


async def insert(conn: asyncpg.Connection, *, mail_id: uuid.UUID, account_id: uuid.UUID | None,
                 to: str, template: str, subject: str, text_body: str, html_body: str,
                 message_id: str) -> None:
    await conn.execute(INSERT, mail_id, account_id, to, template, subject, text_body,
                       html_body, message_id)


async def notify(conn: asyncpg.Connection) -> None:
    await conn.execute("SELECT pg_notify(current_schema() || '_mail', '')")


async def channel(conn: asyncpg.Connection) -> str:
    """What the worker LISTENs on: the channel `notify` uses for the pool's schema."""
    return await conn.fetchval("SELECT current_schema() || '_mail'")


async def lease(conn: asyncpg.Connection, limit: int, seconds: float) -> list[asyncpg.Record]:
    async with conn.transaction():
        return await conn.fetch(LEASE, limit, seconds)


async def mark_sent(conn: asyncpg.Connection, mail_id: uuid.UUID, attempts: int) -> bool:
    """False when the row is no longer this attempt's (its lease ran out, another took it)."""
    return await conn.fetchval(SENT, mail_id, attempts) is not None


async def retry_later(conn: asyncpg.Connection, mail_id: uuid.UUID, attempts: int,
                      error: str, seconds: float) -> bool:
    return await conn.fetchval(RETRY, mail_id, attempts, error[:1000], seconds) is not None


async def mark_failed(conn: asyncpg.Connection, mail_id: uuid.UUID, attempts: int,
                      error: str) -> bool:
    return await conn.fetchval(FAILED, mail_id, attempts, error[:1000]) is not None


async def seconds_until_due(conn: asyncpg.Connection) -> float | None:
    due = await conn.fetchval(NEXT_DUE)
    return None if due is None else float(due)


async def get(conn: asyncpg.Connection, mail_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(f"SELECT {COLUMNS} FROM outgoing_mail WHERE id = $1", mail_id)


async def delete_done(conn: asyncpg.Connection, older_than: timedelta) -> int:
    """Sent or given-up mail made longer ago than `older_than` (it still names an address)."""
    status = await conn.execute(
        "DELETE FROM outgoing_mail WHERE (sent_at IS NOT NULL OR failed_at IS NOT NULL) "
        "AND created_at < now() - $1::interval", older_than)
    return int(status.split()[-1])
