"""Bus subscribers: parse the event, plan its messages, return (inside the inbox transaction)."""

import asyncpg

from shared.bus.consumer import EventConsumers
from shared.events import (BookingCancelled, CloudEvent, CommitteeChanged, ContactReceived,
                           DeskBooked, FollowUpDue, ProspectErased, ProspectQualified,
                           SoloInstalled)

from .use_cases import committee_events, erasure, event_messages, follow_up_messages
from .use_cases.planning import Planner


def subscribe(consumers: EventConsumers) -> None:
    planner = Planner.from_settings(consumers.settings)
    @consumers.on(ContactReceived)
    async def acknowledge_contact(conn: asyncpg.Connection,
                                  event: CloudEvent[ContactReceived]) -> None:
        """Acknowledges the contact to the person, in their language, and alerts staff."""
        await event_messages.contact_received(conn, event, planner)

    @consumers.on(ProspectQualified)
    async def remember_qualified(conn: asyncpg.Connection,
                                 event: CloudEvent[ProspectQualified]) -> None:
        """Keeps the prospect's latest address and language."""
        await event_messages.prospect_qualified(conn, event, planner)

    @consumers.on(SoloInstalled)
    async def announce_arrival(conn: asyncpg.Connection,
                               event: CloudEvent[SoloInstalled]) -> None:
        """Tells the village's committee (now or in its weekly digest), welcomes the solo,
        notes it for staff."""
        await event_messages.solo_installed(conn, event, planner)

    @consumers.on(DeskBooked)
    async def confirm_booking(conn: asyncpg.Connection,
                              event: CloudEvent[DeskBooked]) -> None:
        """Confirms the booking to the solo, with an iCalendar attachment."""
        await event_messages.booking_changed(conn, event, planner)

    @consumers.on(BookingCancelled)
    async def notify_cancellation(conn: asyncpg.Connection,
                                  event: CloudEvent[BookingCancelled]) -> None:
        """Tells the solo their booking is cancelled (iCalendar CANCEL attached)."""
        await event_messages.booking_changed(conn, event, planner)

    @consumers.on(FollowUpDue)
    async def ask_follow_up(conn: asyncpg.Connection, event: CloudEvent[FollowUpDue]) -> None:
        """Emails the member their follow-up's questions, with the link to answer them."""
        await follow_up_messages.follow_up_due(conn, event, planner)

    @consumers.on(CommitteeChanged)
    async def learn_committee(conn: asyncpg.Connection,
                              event: CloudEvent[CommitteeChanged]) -> None:
        """Keeps how to tell the village's committee (removed: forgets it); older events
        than what is held change nothing."""
        await committee_events.committee_changed(conn, event)

    @consumers.on(ProspectErased)
    async def erase_person(conn: asyncpg.Connection, event: CloudEvent[ProspectErased]) -> None:
        """Deletes the person's stored messages and addresses. Their id stays: a late event
        about them (contact, qualification, installation, booking) stores and sends nothing."""
        await erasure.prospect_erased(conn, event)
