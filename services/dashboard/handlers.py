"""Bus subscribers: every event type of the contract, each on its durable queue
`dashboard.<type>`, applied to the projections inside the inbox transaction (the figures
and "handled" commit together; a duplicate never gets here)."""

from typing import Any

import asyncpg

from shared.bus.consumer import EventConsumers
from shared.events import CloudEvent, EventData

from .domain.incoming import CONSUMED_TYPES

from .use_cases.projection import PROJECTORS, apply_event

CONSUMED: list[type[EventData]] = list(CONSUMED_TYPES.values())


def subscribe(consumers: EventConsumers) -> None:
    for model in CONSUMED:
        assert model in PROJECTORS, f"no projection for {model.event_type}"
        consumers.on(model)(_projecting(model))


def _projecting(model: type[EventData]):
    async def apply(conn: asyncpg.Connection, event: CloudEvent[Any]) -> None:
        await apply_event(conn, event)

    apply.__doc__ = f"Moves the key figures and the feed by one {model.event_type} event."
    return apply
