"""committee.changed (onboarding owns the committees): this service's copy of how to tell
a village's committee follows it, inside the inbox transaction. An event older than the one
the copy comes from changes nothing (events may come late: a redelivery, a replay)."""

import asyncpg
import structlog

from shared.events import CloudEvent, CommitteeChanged

from ..store import committees

log = structlog.get_logger("soho.notifications")


async def committee_changed(conn: asyncpg.Connection,
                            event: CloudEvent[CommitteeChanged]) -> None:
    data = event.data
    if data.removed or data.email is None:
        changed = await committees.forget(conn, data.insee_code, at=event.time)
    else:
        changed = await committees.learn(conn, data.insee_code, data.village_name,
                                         data.email, data.locale, data.webhook_url,
                                         at=event.time)
    if not changed:
        log.info("committee.changed older than what is held, or nothing to remove",
                 village=data.insee_code, event_id=str(event.id))
