"""The delivery log, as staff read it: every message, newest first, and re-sending a
failed one (its attempts start over)."""

import datetime
import uuid

import asyncpg

from ..store import deliveries
from .errors import Conflict, NotFound

NO_SUCH_MESSAGE = "no such notification"


async def page(pool: asyncpg.Pool, *, status: str | None, channel: str | None,
               template: str | None, recipient: str | None, event_id: uuid.UUID | None,
               before: tuple[datetime.datetime, uuid.UUID] | None,
               limit: int) -> tuple[list[asyncpg.Record], bool]:
    """Up to `limit` messages older than `before`, and whether there are more."""
    if recipient and not recipient.startswith("committee:"):
        recipient = recipient.strip().lower()
    async with pool.acquire() as conn:
        rows = await deliveries.page(conn, status=status, channel=channel, template=template,
                                     recipient=recipient, event_id=event_id, before=before,
                                     limit=limit + 1)
    return rows[:limit], len(rows) > limit


async def message(pool: asyncpg.Pool, notification_id: uuid.UUID) -> asyncpg.Record:
    async with pool.acquire() as conn:
        row = await deliveries.get(conn, notification_id)
    if row is None:
        raise NotFound(NO_SUCH_MESSAGE)
    return row


async def resend(pool: asyncpg.Pool, notification_id: uuid.UUID) -> asyncpg.Record:
    async with pool.acquire() as conn, conn.transaction():
        row = await deliveries.resend(conn, notification_id)
        if row is None:
            current = await deliveries.get(conn, notification_id)
            if current is None:
                raise NotFound(NO_SUCH_MESSAGE)
            raise Conflict(f"only a failed message can be re-sent; this one is "
                           f"{current['status']}")
    return row
