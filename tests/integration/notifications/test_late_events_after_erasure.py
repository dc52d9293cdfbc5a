"""Events travel on separate queues: a contact.received, prospect.qualified, solo.installed,
desk.booked or booking.cancelled may be handled AFTER the person's prospect.erased (a
redelivery, a consumer that was down). Then nothing about them is kept or sent; the event
is still acknowledged (the inbox records it). The erasure and an event about the same
person handled at the same moment cannot interleave (the person's lock)."""

import contextlib
import uuid

from services.notifications.use_cases import erasure, event_messages, parking
from services.notifications.use_cases.planning import Planner
from shared.db import connect
from shared.events import ProspectQualified, new_event
from tests.support.personal_data_scan import places_holding
from tests.support.smtp import free_port
from tests.support.waiting import wait_for

from .events import (booking_cancelled, contact_received, desk_booked, prospect_erased,
                     solo_installed)


def prospect_qualified(contact):
    d = contact.data
    return new_event(ProspectQualified(
        prospect_id=d.prospect_id, first_name=d.first_name, last_name=d.last_name,
        email=d.email, locale=d.locale, household_size=3, qualified_by="staff"),
        source="/soho/prospects", subject=str(d.prospect_id))


async def handled(db, *events) -> bool:
    return await db.fetchval("SELECT count(DISTINCT event_id) = $2 FROM inbox "
                             "WHERE event_id = ANY($1::uuid[])",
                             [e.id for e in events], len(events))


async def notifications_holding(db, contact) -> dict[str, list[str]]:
    found = await places_holding(db, [contact.data.email, contact.data.last_name])
    return {place: hits for place, hits in found.items() if place.startswith("notifications.")}


def mails_about(smtp_server, contact) -> list:
    return [m for m in smtp_server.messages
            if contact.data.email.encode() in m.raw or contact.data.last_name.encode() in m.raw
            or contact.data.email in m.recipients]


@contextlib.asynccontextmanager
async def transaction(database_url):
    """A connection of the test's own, in a transaction (rolled back unless committed)."""
    conn = await connect(database_url, "notifications")
    try:
        tx = conn.transaction()
        await tx.start()
        try:
            yield conn, tx
        finally:
            if conn.is_in_transaction():  # not committed: undone
                await tx.rollback()
    finally:
        await conn.close()


async def blocked_by(db, conn) -> bool:
    """Some other backend (the service's handler) waits for a lock `conn` holds."""
    pid = conn.get_server_pid()
    return await db.fetchval("SELECT count(*) > 0 FROM pg_stat_activity "
                             "WHERE $1 = ANY(pg_blocking_pids(pid))", pid)


async def test_events_handled_after_the_erasure_keep_and_send_nothing(service, smtp_server,
                                                                      publish, db):
    contact = contact_received(locale="en")
    prospect_id = contact.data.prospect_id
    installed = solo_installed(prospect_id)
    member_id = installed.data.member_id
    booked = desk_booked(member_id, telecentre_name="Le Tiers-Lieu d'Auch",
                         desk_name="Bureau 2")
    early_booking = desk_booked(uuid.uuid4())  # its member's installation comes later still
    late_installed = solo_installed(prospect_id, member_id=early_booking.data.member_id)
    async with service(smtp_server.url) as svc:
        await svc.client.put("/api/committees/32013", headers=svc.staff(), json={
            "village_name": "Auch", "email": "accueil-auch@example.org"})
        erased = prospect_erased(prospect_id)
        await publish(erased)
        await wait_for(lambda: handled(db, erased), message="the erasure handled")

        late = [contact, prospect_qualified(contact), installed, booked,
                booking_cancelled(booked), early_booking]
        await publish(*late, contact)  # a redelivery too
        await wait_for(lambda: handled(db, *late), message="the late events handled")
        # The booking whose member was not known yet waits for them...
        assert await db.fetchval("SELECT count(*) FROM parked_events WHERE event_id = $1",
                                 early_booking.id) == 1
        await publish(late_installed)
        await wait_for(lambda: handled(db, late_installed), message="the late installation")
        # ...and goes when that member turns out to be the erased person's.
        assert await db.fetchval("SELECT count(*) FROM parked_events WHERE event_id = $1",
                                 early_booking.id) == 0

        # A sign that the sender ran meanwhile: someone else's acknowledgement arrives.
        other = contact_received()
        await publish(other)
        await wait_for(lambda: smtp_server.to(other.data.email), message="another person's mail")
        await wait_for(lambda: db.fetchval(
            "SELECT count(*) = 0 FROM deliveries WHERE status IN ('pending', 'sending')"),
            message="everything sent")

        assert await notifications_holding(db, contact) == {}
        assert mails_about(smtp_server, contact) == []
        ids = [e.id for e in (*late, late_installed)]
        assert await db.fetchval("SELECT count(*) FROM deliveries WHERE event_id = ANY($1) "
                                 "OR prospect_id = $2", ids, prospect_id) == 0
        for table in ("contacts", "members", "digest_items", "parked_events"):
            assert await db.fetchval(f"SELECT count(*) FROM {table} "
                                     "WHERE prospect_id = $1", prospect_id) == 0, table
        assert await db.fetchval("SELECT count(*) FROM parked_events "
                                 "WHERE waiting_id = ANY($1::uuid[])",
                                 [prospect_id, member_id, late_installed.data.member_id]) == 0
        assert {r["member_id"] for r in await db.fetch(
            "SELECT member_id FROM erased_members WHERE prospect_id = $1", prospect_id)} == {
            member_id, late_installed.data.member_id}

        # The periodic housekeeping forgets old parked events, never who was erased.
        await db.execute("UPDATE erased_people SET erased_at = now() - interval '10 years' "
                         "WHERE prospect_id = $1", prospect_id)
        await parking.forget_expired(svc.app.state.pool)
        assert await db.fetchval("SELECT count(*) FROM erased_people WHERE prospect_id = $1",
                                 prospect_id) == 1
        later = contact_received(email=contact.data.email, prospect_id=prospect_id,
                                 last_name=contact.data.last_name)
        await publish(later)
        await wait_for(lambda: handled(db, later), message="a contact after the housekeeping")
        assert await notifications_holding(db, contact) == {}


async def test_an_event_handled_during_the_erasure_waits_for_it(service, smtp_server,
                                                                 publish, db, database_url):
    """The erasure holds the person's lock until it commits: the service's handler for a
    contact.received of the same person waits, then finds them erased. (Without the lock it
    would not see the uncommitted erasure, keep the address and send the acknowledgement.)"""
    contact = contact_received()
    prospect_id = contact.data.prospect_id
    async with service(smtp_server.url) as svc:
        async with transaction(database_url) as (conn, tx):
            await erasure.prospect_erased(conn, prospect_erased(prospect_id))
            await publish(contact)
            await wait_for(lambda: blocked_by(db, conn),
                           message="the contact's handler waiting for the erasure")
            assert not await handled(db, contact)
            await tx.commit()
        await wait_for(lambda: handled(db, contact), message="the contact handled")
        assert await notifications_holding(db, contact) == {}
        assert await db.fetchval("SELECT count(*) FROM deliveries WHERE event_id = $1",
                                 contact.id) == 0
        other = contact_received()
        await publish(other)
        await wait_for(lambda: smtp_server.to(other.data.email), message="another person's mail")
        assert mails_about(smtp_server, contact) == []


async def test_an_erasure_handled_during_an_event_removes_what_it_stored(service, smtp_server,
                                                                        publish, db,
                                                                        database_url):
    """The other way round: a contact.received (and a solo.installed) being handled hold the
    person's lock; the erasure waits for them, then removes what they stored. (Without the
    lock its DELETEs would not see their uncommitted rows, which would stay.)"""
    contact = contact_received()
    prospect_id = contact.data.prospect_id
    installed = solo_installed(prospect_id)
    erased = prospect_erased(prospect_id)
    # No mail server listening: what the handler planned cannot leave before the erasure.
    async with service(f"smtp://127.0.0.1:{free_port()}") as svc:
        planner = Planner.from_settings(svc.app.state.settings)
        async with transaction(database_url) as (conn, tx):
            await event_messages.contact_received(conn, contact, planner)
            await event_messages.solo_installed(conn, installed, planner)
            await publish(erased)
            await wait_for(lambda: blocked_by(db, conn),
                           message="the erasure waiting for the contact's handler")
            assert not await handled(db, erased)
            await tx.commit()
        await wait_for(lambda: handled(db, erased), message="the erasure handled")
        assert await notifications_holding(db, contact) == {}
        for table in ("contacts", "members", "deliveries"):
            assert await db.fetchval(f"SELECT count(*) FROM {table} WHERE prospect_id = $1",
                                     prospect_id) == 0, table
        assert await db.fetchval("SELECT count(*) FROM erased_members WHERE member_id = $1",
                                 installed.data.member_id) == 1
