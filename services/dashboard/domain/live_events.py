"""What the live feed passes on: an event's id, type, time and non-personal facts."""

import datetime
import json
import uuid
from dataclasses import dataclass, field
from typing import Any



from .feed import facts as feed_facts
from .incoming import CONSUMED_TYPES, parse


@dataclass(frozen=True)
class LiveEvent:
    id: uuid.UUID
    type: str
    time: datetime.datetime
    facts: dict[str, Any] = field(default_factory=dict)


READY, WAITING = "ready", "waiting"  # the feed's state, told to each listener


def live_event(routing_key: str, body: bytes) -> LiveEvent | None:
    """The event's non-personal facts; None for a malformed one of a known type."""
    event = parse(routing_key, body)
    if event is not None:
        return LiveEvent(event.id, event.type, event.time, feed_facts(event.data))
    if routing_key in CONSUMED_TYPES:
        return None
    try:  # a type the dashboard does not know: shown by its type and time only
        envelope = json.loads(body)
        return LiveEvent(uuid.UUID(str(envelope["id"])), str(envelope["type"])[:80],
                         datetime.datetime.fromisoformat(str(envelope["time"])))
    except (ValueError, KeyError, TypeError):
        return None
