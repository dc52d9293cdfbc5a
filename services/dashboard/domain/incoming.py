"""Events as the dashboard's consumers take them: queue `dashboard.<event type>`, parsed
with the contract's model for that type."""

from typing import Any

from pydantic import ValidationError

from shared.events import (EVENT_TYPES, AccountCreated, CloudEvent, CommitteeChanged, EventData,
                           FollowUpDue)

CONSUMER = "dashboard"
# Every event of the contract that moves a figure or the feed: accounts opened and
# committees changed are the platform's housekeeping, not the programme's figures, and a
# follow-up asked is not one answered (member.followed_up is).
CONSUMED_TYPES: dict[str, type[EventData]] = {
    event_type: model for event_type, model in EVENT_TYPES.items()
    if model not in (AccountCreated, CommitteeChanged, FollowUpDue)}


def parse(event_type: str, body: bytes) -> CloudEvent[Any] | None:
    """The event as the live queue `dashboard.<event type>` would parse it; None for a type
    the dashboard does not consume or a malformed message (which that queue dead-letters)."""
    model = CONSUMED_TYPES.get(event_type)
    if model is None:
        return None
    try:
        return CloudEvent[model].model_validate_json(body)  # type: ignore[valid-type]
    except ValidationError:
        return None
