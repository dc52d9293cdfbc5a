"""The delivery log (staff): every message, newest first, and re-sending a failed one."""

import datetime
import json
import uuid
from typing import Annotated, Any

import asyncpg
from fastapi import APIRouter, Query

from shared.auth import StaffPrincipal
from shared.http.deps import DbPool

from ..domain import log_cursor
from ..use_cases import delivery_log
from .errors import answering, invalid
from .models import Channel, Line, Notification, NotificationDetail, NotificationPage, Status

router = APIRouter(prefix="/api/notifications", tags=["delivery log"])


def _notification(row: asyncpg.Record) -> dict[str, Any]:
    item = dict(row)
    if item["status"] not in ("pending", "sending"):
        item["next_attempt_at"] = None
    return item


def _cursor(row: asyncpg.Record) -> str:
    return log_cursor.encode(log_cursor.place_of(row, ranked=False))


def _read_cursor(cursor: str) -> tuple[datetime.datetime, uuid.UUID]:
    try:
        place = log_cursor.decode(cursor, ranked=False)
    except ValueError:
        raise invalid(("query", "cursor"), "not a cursor returned by this list") from None
    return place.created_at, place.id


@router.get("", summary="The delivery log, newest first")
async def list_notifications(
    pool: DbPool, staff: StaffPrincipal,
    status: Status | None = None, channel: Channel | None = None,
    template: Annotated[Line(100) | None, Query()] = None,
    recipient: Annotated[Line(320) | None,
                         Query(description="an email address or committee:<INSEE>")] = None,
    event_id: uuid.UUID | None = None,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> NotificationPage:
    before = _read_cursor(cursor) if cursor else None
    rows, more = await delivery_log.page(pool, status=status, channel=channel,
                                         template=template, recipient=recipient,
                                         event_id=event_id, before=before, limit=limit)
    return NotificationPage(items=[Notification(**_notification(r)) for r in rows],
                            next_cursor=_cursor(rows[-1]) if more else None)


@router.get("/{notification_id}", summary="One message, with its content",
            responses={404: {"description": "No such message"}})
async def get_notification(notification_id: uuid.UUID, pool: DbPool,
                           staff: StaffPrincipal) -> NotificationDetail:
    with answering():
        row = await delivery_log.message(pool, notification_id)
    item = _notification(row)
    item["payload"] = json.loads(row["payload"]) if row["payload"] else None
    item["attachments"] = [a["filename"] for a in json.loads(row["attachments"])]
    return NotificationDetail(**item)


@router.post("/{notification_id}/resend", status_code=202,
             summary="Send a failed message again (its attempts start over)",
             responses={404: {"description": "No such message"},
                        409: {"description": "The message has not failed"}})
async def resend_notification(notification_id: uuid.UUID, pool: DbPool,
                              staff: StaffPrincipal) -> Notification:
    with answering():
        row = await delivery_log.resend(pool, notification_id)
    return Notification(**_notification(row))
