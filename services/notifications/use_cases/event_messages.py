"""The messages each consumed event plans (called inside the inbox transaction): who is
who is learnt, and an event whose person is not known yet is parked, then planned again
here as soon as they are. An event about a person already erased (handled late: a
redelivery, a consumer that was down) stores and sends nothing; it is still acknowledged."""

import uuid
from typing import Any

import asyncpg
import structlog

from shared.events import (BookingCancelled, CloudEvent, ContactReceived, DeskBooked,
                           FollowUpDue, ProspectQualified, SoloInstalled)

from ..domain import audience
from ..domain.audience import Person
from ..domain.booking_notice import for_booking
from ..store import committees, digests, erasure, people
from .follow_up_messages import follow_up_due
from .parking import park
from .planning import Planner

log = structlog.get_logger("soho.notifications")


async def contact_received(conn: asyncpg.Connection, event: CloudEvent[ContactReceived],
                           planner: Planner) -> None:
    data = event.data
    if await _erased(conn, data.prospect_id, event):
        return
    await _remember(conn, Person(data.prospect_id, data.email, data.first_name, data.last_name,
                                 data.locale), event, planner)
    await _store(conn, event, planner, audience.for_contact(data, planner.staff))


async def prospect_qualified(conn: asyncpg.Connection, event: CloudEvent[ProspectQualified],
                             planner: Planner) -> None:
    data = event.data
    if await _erased(conn, data.prospect_id, event):
        return
    await _remember(conn, Person(data.prospect_id, data.email, data.first_name, data.last_name,
                                 data.locale), event, planner)


async def solo_installed(conn: asyncpg.Connection, event: CloudEvent[SoloInstalled],
                         planner: Planner) -> None:
    data = event.data
    if await _erased(conn, data.prospect_id, event):
        # Its member is known as erased too: their bookings' events are ignored as well.
        await erasure.mark_erased_member(conn, data.member_id, data.prospect_id)
        return
    await people.remember_member(conn, data.member_id, data.prospect_id, data.village.insee_code)
    announced = getattr(data, "committee", None)
    if announced is not None:  # onboarding owns the committees: what it says wins
        await committees.learn(conn, data.village.insee_code, data.village.name,
                               announced.email, announced.locale, announced.webhook_url,
                               at=event.time)
    person = await people.person(conn, data.prospect_id)
    committee = await committees.committee(conn, data.village.insee_code)
    plan = audience.for_installation(data, person, committee, planner.staff)
    await _store(conn, event, planner, plan.deliveries)
    if plan.digest_item is not None:
        await digests.add_item(conn, event.id, data.village.insee_code, data.prospect_id,
                               plan.digest_item)
    if plan.waiting_for_person:
        await park(conn, event, "prospect", data.prospect_id, data.prospect_id)
    await _replay_parked(conn, "member", data.member_id, planner)


async def booking_changed(conn: asyncpg.Connection,
                          event: CloudEvent[DeskBooked | BookingCancelled],
                          planner: Planner) -> None:
    data = event.data
    if getattr(data, "reason", None) == "erasure":
        return  # freed because its member was erased: there is nobody to tell
    await people.lock_identities(conn)
    prospect_id = await people.member_prospect(conn, data.member_id)
    if prospect_id is None:
        if await erasure.is_erased_member(conn, data.member_id):
            log.info("notifications.erased_person_ignored", event_type=event.type)
            return
        await park(conn, event, "member", data.member_id, None)
        return
    if await _erased(conn, prospect_id, event):
        return
    person = await people.person(conn, prospect_id)
    if person is None:
        await park(conn, event, "prospect", prospect_id, prospect_id)
        return
    planned = for_booking(data, person, cancelled=event.type == "booking.cancelled",
                                   organizer=planner.settings.sender, now=event.time)
    await _store(conn, event, planner, [planned])


async def _remember(conn: asyncpg.Connection, person: Person, event: CloudEvent[Any],
                    planner: Planner) -> None:
    person = Person(person.prospect_id, person.email.strip().lower(), person.first_name,
                    person.last_name, person.locale)
    await people.remember_contact(conn, person, event.time)
    await _replay_parked(conn, "prospect", person.prospect_id, planner)


async def _erased(conn: asyncpg.Connection, prospect_id: uuid.UUID,
                  event: CloudEvent[Any]) -> bool:
    """Takes the locks (everyone's identities, then this person's: held until commit, so an
    erasure handled at the same moment cannot interleave) and says whether the person was
    erased: then the event is dropped, nothing about them is kept or sent."""
    await people.lock_identities(conn)
    await people.lock_person(conn, prospect_id)
    if await erasure.is_erased(conn, prospect_id):
        log.info("notifications.erased_person_ignored", event_type=event.type)
        return True
    return False


async def _store(conn: asyncpg.Connection, event: CloudEvent[Any], planner: Planner,
                 plan: list[audience.Planned]) -> None:
    new = await planner.store_all(conn, event.id, event.type, plan)
    log.info("notifications.planned", messages=new)


PARKABLE = {"solo.installed": (SoloInstalled, solo_installed),
            "desk.booked": (DeskBooked, booking_changed),
            "booking.cancelled": (BookingCancelled, booking_changed),
            "follow_up.due": (FollowUpDue, follow_up_due)}


async def _replay_parked(conn: asyncpg.Connection, waiting_for: str, waiting_id: Any,
                         planner: Planner) -> None:
    for event_type, body in await people.unpark(conn, waiting_for, waiting_id):
        model, react = PARKABLE[event_type]
        await react(conn, CloudEvent[model].model_validate(body), planner)
