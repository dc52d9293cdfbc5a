"""Which of two events wins when they say different things about the same field.

A version is a string that sorts like (rank, event time, event id): a later stage of the
journey outranks an earlier one (installed > qualified > contact), then the later event,
then the event id as a tie-break. Keeping the greatest version makes the result the same
whatever order the events are handled in, and the same after a replay."""

import datetime
import uuid

NONE = ""  # older than any version


def version(rank: int, time: datetime.datetime, event_id: uuid.UUID) -> str:
    utc = time.astimezone(datetime.UTC)
    return f"{rank:02d}|{utc:%Y-%m-%dT%H:%M:%S.%f}|{event_id}"


def newer(candidate: str, current: str) -> bool:
    return candidate > current
