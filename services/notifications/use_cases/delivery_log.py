"""The delivery log, as staff read it: every message, newest first (the API) or what needs
attention first (the staff's page), the messages about one person, and re-sending a failed
one (its attempts start over)."""

import datetime
import uuid

import asyncpg

from ..domain.log_cursor import ATTENTION, Place
from ..store import deliveries
from ..store import delivery_log as log_store
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


async def attention_page(pool: asyncpg.Pool, *, status: str | None, template: str | None,
                         prospect_id: uuid.UUID | None, after: Place | None,
                         limit: int) -> tuple[list[asyncpg.Record], bool]:
    """Failed first, then waiting, sent, suppressed (newest first within each): up to
    `limit` messages after `after` (a ranked place), and whether there are more."""
    if after is not None and after.rank is None:
        raise ValueError("the page's order needs a ranked place")
    if status is not None and status not in ATTENTION:
        raise ValueError(f"no status {status!r}")
    async with pool.acquire() as conn:
        rows = await log_store.attention_page(
            conn, status=status, template=template, prospect_id=prospect_id,
            after=(after.rank, after.created_at, after.id) if after else None, limit=limit + 1)
    return rows[:limit], len(rows) > limit


async def about_person(pool: asyncpg.Pool, prospect_id: uuid.UUID, *,
                       limit: int) -> tuple[list[asyncpg.Record], bool]:
    """The newest `limit` messages to or about a person, and whether there are more."""
    async with pool.acquire() as conn:
        rows = await log_store.about_person(conn, prospect_id, before=None, limit=limit + 1)
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
            if current["status"] != "failed":
                raise Conflict(f"only a failed message can be re-sent; this one is "
                               f"{current['status']}", reason="not_failed")
            raise Conflict("this message's content was erased: there is nothing left to send",
                           reason="content_erased")
    return row
