"""Bus subscribers: every event type of the contract, each on its durable queue
`dashboard.<type>`, applied to the projections inside the inbox transaction (the figures
and "handled" commit together; a duplicate never gets here)."""

from typing import Any

import asyncpg

from shared.bus.consumer import EventConsumers
from shared.events import EVENT_TYPES, CloudEvent, EventData

from .projection.projector import PROJECTORS, project
from .projection.sql_store import SqlProjectionStore

CONSUMED: list[type[EventData]] = list(EVENT_TYPES.values())
# Every queue moves the same figure rows, in an order set by its events: one projecting
# transaction at a time (they are short, and batched) instead of deadlocks between queues.
PROJECTION_LOCK = "SELECT pg_advisory_xact_lock(hashtext('soho.dashboard.projection'))"


def subscribe(consumers: EventConsumers) -> None:
    for model in CONSUMED:
        assert model in PROJECTORS, f"no projection for {model.event_type}"
        consumers.on(model)(_projecting(model))


def _projecting(model: type[EventData]):
    async def apply(conn: asyncpg.Connection, event: CloudEvent[Any]) -> None:
        await conn.execute(PROJECTION_LOCK)
        await project(SqlProjectionStore(conn), event)

    apply.__doc__ = f"Moves the key figures and the feed by one {model.event_type} event."
    return apply
