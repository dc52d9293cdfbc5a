"""prospect.erased: the person's stored messages, addresses and parked events go."""

import asyncpg
import structlog

from shared.events import CloudEvent, ProspectErased

from ..store import erasure

log = structlog.get_logger("soho.notifications")


async def prospect_erased(conn: asyncpg.Connection, event: CloudEvent[ProspectErased]) -> None:
    erased = await erasure.erase_person(conn, event.data.prospect_id)
    log.info("notifications.person_erased", **erased)
