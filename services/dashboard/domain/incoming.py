"""Events as the dashboard's consumers take them: queue `dashboard.<event type>`, parsed
with the contract's model for that type."""

from typing import Any

from pydantic import ValidationError

from shared.events import EVENT_TYPES, CloudEvent

CONSUMER = "dashboard"


def parse(event_type: str, body: bytes) -> CloudEvent[Any] | None:
    """The event as the live queue `dashboard.<event type>` would parse it; None for a type
    the dashboard does not consume or a malformed message (which that queue dead-letters)."""
    model = EVENT_TYPES.get(event_type)
    if model is None:
        return None
    try:
        return CloudEvent[model].model_validate_json(body)  # type: ignore[valid-type]
    except ValidationError:
        return None
