"""The deliveries table: planned by the handlers, claimed and settled by the senders."""

import datetime
import json
import uuid
from dataclasses import dataclass
from typing import Any

import asyncpg

COLUMNS = """id, event_id, event_type, recipient, channel, template, locale, target, village,
prospect_id, message_id, subject, body_text, body_html, payload, attachments, unsubscribe_url,
status, attempts, next_attempt_at, last_error, last_error_kind, resends, created_at,
updated_at, sent_at"""

INSERT = """
INSERT INTO deliveries (id, event_id, event_type, recipient, channel, template, locale, target,
    village, prospect_id, message_id, subject, body_text, body_html, payload, attachments,
    unsubscribe_url, status, last_error)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::jsonb, $16::jsonb,
    $17, $18, $19)
ON CONFLICT ON CONSTRAINT deliveries_once DO NOTHING RETURNING id
"""

# Taking a message records the attempt before it is made: `next_attempt_at` becomes the
# lease, after which another sender takes it back (its sender died mid-send).
CLAIM = f"""
WITH due AS (
    SELECT id FROM deliveries
    WHERE status IN ('pending', 'sending') AND next_attempt_at <= now()
    ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED
)
UPDATE deliveries d SET status = 'sending', attempts = d.attempts + 1,
    next_attempt_at = now() + make_interval(secs => $2), updated_at = now()
FROM due WHERE d.id = due.id
RETURNING {', '.join('d.' + c.strip() for c in COLUMNS.split(','))}
"""

SETTLE = """
UPDATE deliveries SET status = $3, updated_at = now(),
    next_attempt_at = CASE WHEN $3 = 'pending' THEN now() + make_interval(secs => $4)
                           ELSE next_attempt_at END,
    last_error = coalesce($5, last_error), last_error_kind = coalesce($6, last_error_kind),
    sent_at = CASE WHEN $3 = 'sent' THEN now() ELSE sent_at END,
    target = coalesce($7, target)
WHERE id = $1 AND status = 'sending' AND attempts = $2
RETURNING id
"""

# What a message needs to be sent at all: a text body (email) or a JSON body (webhook).
HAS_CONTENT = ("(CASE channel WHEN 'email' THEN coalesce(body_text, '') <> '' "
               "ELSE payload IS NOT NULL END)")

NEXT_DUE = """
SELECT extract(epoch FROM min(next_attempt_at) - now()) FROM deliveries
WHERE status IN ('pending', 'sending')
"""


@dataclass(frozen=True)
class NewDelivery:
    event_id: uuid.UUID
    event_type: str
    recipient: str
    channel: str
    template: str
    locale: str
    target: str | None = None
    village: str | None = None
    prospect_id: uuid.UUID | None = None
    message_id: str | None = None
    subject: str | None = None
    body_text: str | None = None
    body_html: str | None = None
    payload: dict[str, Any] | None = None
    attachments: tuple[dict[str, str], ...] = ()
    unsubscribe_url: str | None = None
    status: str = "pending"
    note: str | None = None  # why it is not pending (suppressed)


async def insert(conn: asyncpg.Connection, d: NewDelivery) -> uuid.UUID | None:
    """The new row's id, or None when this (event, recipient, channel, template) exists."""
    return await conn.fetchval(
        INSERT, uuid.uuid4(), d.event_id, d.event_type, d.recipient, d.channel, d.template,
        d.locale, d.target, d.village, d.prospect_id, d.message_id, d.subject, d.body_text,
        d.body_html, None if d.payload is None else json.dumps(d.payload),
        json.dumps(list(d.attachments)), d.unsubscribe_url, d.status, d.note)


async def current_schema(conn: asyncpg.Connection) -> str:
    """The schema the pool works in: inserts are announced on NOTIFY `<schema>_deliveries`."""
    return await conn.fetchval("SELECT current_schema()")


async def claim(conn: asyncpg.Connection, limit: int, lease: float) -> list[asyncpg.Record]:
    async with conn.transaction():
        return await conn.fetch(CLAIM, limit, lease)


async def settle(conn: asyncpg.Connection, row: asyncpg.Record, status: str, *,
                 retry_in: float | None = None, error: str | None = None,
                 error_kind: str | None = None, target: str | None = None) -> bool:
    """False when the row is no longer this attempt's (its lease ran out, another took it)."""
    return await conn.fetchval(SETTLE, row["id"], row["attempts"], status, retry_in or 0.0,
                               error and error[:1000], error_kind, target) is not None


async def hurry_email_retries(conn: asyncpg.Connection) -> int:
    """The mail server answered again: what waits after failing to reach it goes now."""
    result = await conn.execute(
        "UPDATE deliveries SET next_attempt_at = now() WHERE status = 'pending' "
        "AND channel = 'email' AND last_error_kind = 'unreachable' AND next_attempt_at > now()")
    return int(result.split()[-1])


async def seconds_until_due(conn: asyncpg.Connection) -> float | None:
    due = await conn.fetchval(NEXT_DUE)
    return None if due is None else float(due)


async def get(conn: asyncpg.Connection, delivery_id: uuid.UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(f"SELECT {COLUMNS} FROM deliveries WHERE id = $1", delivery_id)


async def resend(conn: asyncpg.Connection, delivery_id: uuid.UUID) -> asyncpg.Record | None:
    """Puts a failed message back in line; None when it is not failed, or its content was
    erased since (a weekly digest that named an erased person): nothing left to send."""
    row = await conn.fetchrow(
        f"UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(), "
        f"resends = resends + 1, updated_at = now() WHERE id = $1 AND status = 'failed' "
        f"AND {HAS_CONTENT} RETURNING {COLUMNS}", delivery_id)
    if row is not None:
        await conn.execute("SELECT pg_notify(current_schema() || '_deliveries', '')")
    return row


async def page(conn: asyncpg.Connection, *, status: str | None, channel: str | None,
               template: str | None, recipient: str | None, event_id: uuid.UUID | None,
               before: tuple[datetime.datetime, uuid.UUID] | None,
               limit: int) -> list[asyncpg.Record]:
    """Newest first; `before` is the (created_at, id) of the last row of the previous page."""
    return await conn.fetch(
        f"SELECT {COLUMNS} FROM deliveries WHERE ($1::text IS NULL OR status = $1) "
        "AND ($2::text IS NULL OR channel = $2) AND ($3::text IS NULL OR template = $3) "
        "AND ($4::text IS NULL OR recipient = $4) AND ($5::uuid IS NULL OR event_id = $5) "
        "AND ($6::timestamptz IS NULL OR (created_at, id) < ($6, $7::uuid)) "
        "ORDER BY created_at DESC, id DESC LIMIT $8",
        status, channel, template, recipient, event_id,
        before[0] if before else None, before[1] if before else None, limit)
