"""How each event type moves the projections: load the states it is about, apply the
domain's rule, save what changed, and move the figures by the difference of what the
states count for. Used by the live consumers, by the rebuild and by the unit tests."""

from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg

from shared.events import (BookingCancelled, CloudEvent, ContactReceived, DeskBooked,
                           EventData, MemberFollowedUp, NotificationFailed, NotificationSent,
                           ProspectErased, ProspectQualified, SoloInstalled)

from ..domain import bookings, contacts, feed, members, normalise, people
from ..domain.dates import local_date
from ..domain.entities import BOOKING, CONTACT, DESK, MEMBER, NOTIFICATION, PERSON, Entity
from ..domain.feed import RecentEvent
from ..domain.people import PersonFacts, Stage
from ..domain.tally import FigureKey, difference
from ..domain.versions import version
from ..store.projection import SqlProjectionStore, lock_projection
from .projection_store import ProjectionStore


class Projection:
    """The effect of one event, gathered, then the figures moved in one statement."""

    def __init__(self, store: ProjectionStore, event: CloudEvent[Any]):
        self.store, self.event = store, event
        self.moves: Counter[FigureKey] = Counter()

    async def change(self, entity: Entity, key, rule: Callable[[Any], Any]) -> Any:
        old = await self.store.load(entity, key)
        new = rule(old)
        if new != old:
            await self.store.save(entity, key, new)
            self.moves.update(difference(entity.contributions(old), entity.contributions(new)))
        return new

    def version(self, rank: int = 0) -> str:
        return version(rank, self.event.time, self.event.id)

    async def note(self, **ids) -> None:
        await self.store.add_recent(RecentEvent(self.event.id, self.event.type,
                                                self.event.time, feed.facts(self.event.data),
                                                **ids))

    async def finish(self) -> None:
        moves = {key: amount for key, amount in self.moves.items() if amount}
        if moves:
            await self.store.add_to_figures(moves)


def _person_facts(p: Projection, stage: Stage, data) -> PersonFacts:
    return PersonFacts.of(stage, data.origin_country, data.sector, p.event.time, p.event.id)


async def contact_received(p: Projection, d: ContactReceived) -> None:
    await p.change(CONTACT, d.contact_id,
                   lambda s: contacts.contact_with(s, d.channel, p.version()))
    person = await p.change(PERSON, d.prospect_id, lambda s: people.with_facts(
        s, _person_facts(p, Stage.CONTACT, d)))
    if not person.erased:
        await p.note(prospect_id=d.prospect_id)


async def prospect_qualified(p: Projection, d: ProspectQualified) -> None:
    person = await p.change(PERSON, d.prospect_id, lambda s: people.with_facts(
        s, _person_facts(p, Stage.QUALIFIED, d)))
    if not person.erased:
        await p.note(prospect_id=d.prospect_id)


async def prospect_erased(p: Projection, d: ProspectErased) -> None:
    await p.change(PERSON, d.prospect_id, people.erased)
    await p.store.forget_person_in_feed(d.prospect_id)
    await p.note()


async def solo_installed(p: Projection, d: SoloInstalled) -> None:
    person = await p.change(PERSON, d.prospect_id, lambda s: people.with_facts(
        s, _person_facts(p, Stage.INSTALLED, d)))
    installation = members.Installation(
        d.prospect_id, d.installed_on, d.village.insee_code,
        normalise.household_size(d.household_size), p.version())
    await p.change(MEMBER, d.member_id, lambda s: members.with_installation(s, installation))
    if not person.erased:
        await p.note(prospect_id=d.prospect_id, member_id=d.member_id)


async def member_followed_up(p: Projection, d: MemberFollowedUp) -> None:
    # The person is only read (to keep an erased one out of the feed), first: the lock order.
    person = await p.store.load(PERSON, d.prospect_id)
    answer = members.FollowUpAnswer(d.months, d.still_here, d.activity_going,
                                    version(0, d.recorded_at, p.event.id))
    await p.change(MEMBER, d.member_id, lambda s: members.with_follow_up(s, answer))
    if not person.erased:
        await p.note(prospect_id=d.prospect_id, member_id=d.member_id)


async def desk_booked(p: Projection, d: DeskBooked) -> None:
    await p.change(MEMBER, d.member_id,
                   lambda s: members.with_booking(s, local_date(d.starts_at)))
    facts = bookings.BookingFacts.of(cancelled=False, telecentre_id=d.telecentre_id,
                                     starts_at=d.starts_at, ends_at=d.ends_at,
                                     time=p.event.time, event_id=p.event.id)
    await p.change(BOOKING, d.booking_id, lambda s: bookings.with_facts(s, facts))
    await p.change(DESK, d.desk_id, lambda s: bookings.desk_with(s, d.telecentre_id, p.version()))
    await p.note(member_id=d.member_id)


async def booking_cancelled(p: Projection, d: BookingCancelled) -> None:
    await p.change(MEMBER, d.member_id, members.seen)
    facts = bookings.BookingFacts.of(cancelled=True, telecentre_id=d.telecentre_id,
                                     starts_at=d.starts_at, ends_at=d.ends_at,
                                     time=p.event.time, event_id=p.event.id)
    await p.change(BOOKING, d.booking_id, lambda s: bookings.with_facts(s, facts))
    await p.note(member_id=d.member_id)


async def notification_outcome(p: Projection, d: NotificationSent) -> None:
    sent = not isinstance(d, NotificationFailed)
    await p.change(NOTIFICATION, d.notification_id, lambda s: contacts.notification_with(
        s, sent=sent, channel=d.channel, notification_version=p.version()))
    await p.note()


PROJECTORS: dict[type[EventData], Callable[[Projection, Any], Awaitable[None]]] = {
    ContactReceived: contact_received,
    ProspectQualified: prospect_qualified,
    ProspectErased: prospect_erased,
    SoloInstalled: solo_installed,
    MemberFollowedUp: member_followed_up,
    DeskBooked: desk_booked,
    BookingCancelled: booking_cancelled,
    NotificationSent: notification_outcome,
    NotificationFailed: notification_outcome,
}


# What each event type's projection loads (entity, field of the data holding its id), so a
# replay can read a whole batch's states in one query per table.
LOADS: dict[type[EventData], tuple[tuple[Entity, str], ...]] = {
    ContactReceived: ((CONTACT, "contact_id"), (PERSON, "prospect_id")),
    ProspectQualified: ((PERSON, "prospect_id"),),
    ProspectErased: ((PERSON, "prospect_id"),),
    SoloInstalled: ((PERSON, "prospect_id"), (MEMBER, "member_id")),
    MemberFollowedUp: ((PERSON, "prospect_id"), (MEMBER, "member_id")),
    DeskBooked: ((MEMBER, "member_id"), (BOOKING, "booking_id"), (DESK, "desk_id")),
    BookingCancelled: ((MEMBER, "member_id"), (BOOKING, "booking_id")),
    NotificationSent: ((NOTIFICATION, "notification_id"),),
    NotificationFailed: ((NOTIFICATION, "notification_id"),),
}


def loads(event: CloudEvent[Any]) -> list[tuple[Entity, Any]]:
    return [(entity, getattr(event.data, field)) for entity, field in LOADS[type(event.data)]]


async def project(store: ProjectionStore, event: CloudEvent[Any]) -> None:
    """Apply one event to the projections kept in `store` (inside the caller's transaction)."""
    projection = Projection(store, event)
    await PROJECTORS[type(event.data)](projection, event.data)
    await projection.finish()


async def apply_event(conn: asyncpg.Connection, event: CloudEvent[Any]) -> None:
    """A live consumer's event, applied to the service's projections inside its inbox
    transaction, one projecting transaction at a time (store/projection.py's lock)."""
    await lock_projection(conn)
    await project(SqlProjectionStore(conn), event)
