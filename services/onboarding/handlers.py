"""Bus subscribers: each parses its event and calls one use case, inside the inbox
transaction (the effect and "handled" commit together; a duplicate never gets here)."""

import asyncpg

from shared.bus.consumer import EventConsumers
from shared.events import CloudEvent, ProspectErased, ProspectQualified

from .use_cases.erasure import erase_prospect
from .use_cases.opening import open_case


def subscribe(consumers: EventConsumers) -> None:
    @consumers.on(ProspectQualified)
    async def open_installation_case(conn: asyncpg.Connection,
                                     event: CloudEvent[ProspectQualified]) -> None:
        """Opens an installation case, with its checklist, for a qualified prospect."""
        await open_case(conn, event.id, event.data, opened_at=event.time)

    @consumers.on(ProspectErased)
    async def anonymise_person(conn: asyncpg.Connection,
                               event: CloudEvent[ProspectErased]) -> None:
        """Anonymises the person's cases and member entry; the counts survive."""
        await erase_prospect(conn, event.data.prospect_id)
