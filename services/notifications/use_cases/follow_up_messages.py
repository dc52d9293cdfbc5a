"""follow_up.due (inside the inbox transaction): the member's follow-up question, emailed
to the address learnt from their contact and qualification. A person not known yet parks
the event (planned when they are, as event_messages replays it); an erased person gets
nothing, and nothing about them is kept."""

import asyncpg
import structlog

from shared.events import CloudEvent, FollowUpDue

from ..domain.follow_up_question import for_follow_up
from ..store import erasure, people
from .parking import park
from .planning import Planner

log = structlog.get_logger("soho.notifications")


async def follow_up_due(conn: asyncpg.Connection, event: CloudEvent[FollowUpDue],
                        planner: Planner) -> None:
    data = event.data
    # The same locks as the other events about a person, in the same order: an erasure or
    # the person's contact handled at the same moment cannot interleave with this.
    await people.lock_identities(conn)
    await people.lock_person(conn, data.prospect_id)
    if (await erasure.is_erased(conn, data.prospect_id)
            or await erasure.is_erased_member(conn, data.member_id)):
        log.info("notifications.erased_person_ignored", event_type=event.type)
        return
    person = await people.person(conn, data.prospect_id)
    if person is None:
        await park(conn, event, "prospect", data.prospect_id, data.prospect_id)
        return
    planned = for_follow_up(data, person, planner.settings.public_url)
    new = await planner.store_all(conn, event.id, event.type, [planned])
    log.info("notifications.planned", messages=new)
