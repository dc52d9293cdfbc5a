"""Bus subscribers: parse the event, call one use case (inside the inbox transaction)."""

from datetime import UTC, datetime
from typing import Any

import asyncpg

from shared.bus.consumer import EventConsumers
from shared.events import CloudEvent, ProspectErased, SoloInstalled

from .use_cases import members


def subscribe(consumers: EventConsumers) -> None:
    @consumers.on(SoloInstalled)
    async def remember_member(conn: asyncpg.Connection, event: CloudEvent[Any]) -> None:
        """Keeps this service's own copy of an installed solo: from now on they can book."""
        await members.learn_member(conn, event.data)

    @consumers.on(ProspectErased)
    async def forget_person(conn: asyncpg.Connection, event: CloudEvent[Any]) -> None:
        """Cancels the person's bookings to come and unlinks all their bookings from them."""
        await members.forget_person(conn, event.data.prospect_id, datetime.now(UTC))
