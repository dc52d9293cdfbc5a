"""prospect.erased: the person's stored messages, addresses and parked events go; their id
is kept (never their address) so that a later event about them stores and sends nothing."""

import asyncpg
import structlog

from shared.events import CloudEvent, ProspectErased

from ..store import erasure, people

log = structlog.get_logger("soho.notifications")


async def prospect_erased(conn: asyncpg.Connection, event: CloudEvent[ProspectErased]) -> None:
    # The person's lock: a handler about them running now commits before (its rows are
    # deleted here) or waits and then finds them erased.
    await people.lock_person(conn, event.data.prospect_id)
    erased = await erasure.erase_person(conn, event.data.prospect_id)
    log.info("notifications.person_erased", **erased)
