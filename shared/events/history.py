"""What the event history keeps of an event: all of it but the fields that say who a person
is (EventData.personal).

The relay publishes each event twice: whole on `soho.events`, for the consumers, and as
`for_history` makes it into the stream `soho.events.log` (kept for years, replayed by
`soho dashboard rebuild`). Nothing in a stream can be edited or
deleted one message at a time, so erasing a person could never reach a copy there: no copy
there carries them. A personal field keeps its key, emptied: null where the model allows
it, "" where it needs a string, so the history still validates against the event's model.
"""

import json
from functools import cache
from typing import Any


@cache
def _emptied(event_type: str) -> dict[str, Any] | None:
    from shared.events import EVENT_TYPES  # the package imports this module's users

    model = EVENT_TYPES.get(event_type)
    if model is None or not model.personal:
        return None
    return {name: "" if model.model_fields[name].is_required() else None
            for name in sorted(model.personal)}


def for_history(event_type: str, body: bytes) -> bytes:
    """The CloudEvent `body` (structured JSON) with its personal fields emptied; an event
    type without any, or that is not the platform's, is kept as it is."""
    emptied = _emptied(event_type)
    if emptied is None:
        return body
    event = json.loads(body)
    data = event.get("data")
    if isinstance(data, dict):
        data.update({name: value for name, value in emptied.items() if name in data})
    return json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode()
