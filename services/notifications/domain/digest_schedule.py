"""When a weekly digest is due: after a fixed moment of the week, Paris time."""

import datetime
import uuid

from shared.reference.calendar import PARIS

DIGEST_NAMESPACE = uuid.UUID("6f1f8f6e-3c1b-4a58-9d3e-5f0b1d2a9c47")


def last_boundary(now: datetime.datetime, weekday: int, hour: int) -> datetime.datetime:
    """The latest `weekday` at `hour`:00 Paris time not after `now` (aware, UTC)."""
    local = now.astimezone(PARIS)
    days_back = (local.weekday() - weekday) % 7
    day = local.date() - datetime.timedelta(days=days_back)
    boundary = datetime.datetime.combine(day, datetime.time(hour), tzinfo=PARIS)
    if boundary > local:
        boundary -= datetime.timedelta(days=7)
        boundary = datetime.datetime.combine(boundary.date(), datetime.time(hour), tzinfo=PARIS)
    return boundary.astimezone(datetime.UTC)


def digest_id(insee_code: str, period_end: datetime.datetime,
              event_ids: list[uuid.UUID]) -> uuid.UUID:
    """The same arrivals for the same village and week always make the same digest id, so
    two copies of the service composing it at once plan one message."""
    key = ",".join(sorted(str(e) for e in event_ids))
    return uuid.uuid5(DIGEST_NAMESPACE, f"{insee_code}|{period_end.isoformat()}|{key}")
