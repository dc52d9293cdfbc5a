"""Leaving a list by its unsubscribe link; prospect.erased deletes the person's messages
and addresses."""

import hashlib
import uuid

from tests.support.waiting import wait_for

from .events import contact_received, desk_booked, prospect_erased, solo_installed


def welcome_mails(smtp_server, address):
    return [m for m in smtp_server.to(address) if m.message["X-Soho-Template"] == "solo.welcome"]


async def test_an_unsubscribe_link_stops_that_kind_of_message_only(service, smtp_server,
                                                                   publish, db):
    contact = contact_received(locale="en")
    first = solo_installed(contact.data.prospect_id)
    async with service(smtp_server.url) as svc:
        await publish(contact, first)
        [welcome] = await wait_for(lambda: welcome_mails(smtp_server, contact.data.email),
                                   message="the welcome")
        link = welcome.message["List-Unsubscribe"].strip("<>")
        path = "/" + link.split("/", 3)[3]
        assert (await svc.client.get(path)).status_code == 200
        page = await svc.client.get(path + "?lang=en")
        assert contact.data.email in page.text and "<form" in page.text
        done = await svc.client.post(path, data={"List-Unsubscribe": "One-Click"})
        assert done.status_code == 200 and "C'est fait" in done.text
        forged = await svc.client.post(path[:-3] + "xyz")
        assert forged.status_code == 404

        second = solo_installed(contact.data.prospect_id, member_id=uuid.uuid4())
        booked = desk_booked(second.data.member_id)
        await publish(second, booked)
        # Essential messages still go: the booking confirmation arrives...
        await wait_for(lambda: [m for m in smtp_server.to(contact.data.email)
                                if m.message["X-Soho-Template"] == "booking.confirmation"],
                       message="the booking confirmation")
        row = await wait_for(lambda: db.fetchrow(
            "SELECT status, last_error FROM deliveries WHERE event_id = $1 "
            "AND template = 'solo.welcome'", second.id), message="the second welcome planned")
    # ...the second welcome does not.
    assert row["status"] == "suppressed" and "welcome" in row["last_error"]
    assert len(welcome_mails(smtp_server, contact.data.email)) == 1
    hashed = hashlib.sha256(contact.data.email.encode()).hexdigest()
    assert await db.fetch("SELECT address_hash, stream FROM suppressions") == [(hashed, "welcome")]


async def test_an_erased_person_leaves_no_message_or_address_behind(service, smtp_server,
                                                                    publish, db):
    contact = contact_received()
    installed = solo_installed(contact.data.prospect_id)
    booked = desk_booked(installed.data.member_id)
    prospect_id = contact.data.prospect_id
    async with service(smtp_server.url) as svc:
        await svc.client.put("/api/committees/32013", headers=svc.staff(), json={
            "village_name": "Auch", "email": "accueil-auch@example.org"})
        await publish(contact, installed, booked)
        await wait_for(lambda: [m for m in smtp_server.to(contact.data.email)
                                if m.message["X-Soho-Template"] == "booking.confirmation"],
                       message="the booking confirmation")
        await wait_for(lambda: db.fetchval(
            "SELECT count(*) = 0 FROM deliveries WHERE status IN ('pending', 'sending')"),
            message="everything sent")
        ids = [str(r["id"]) for r in await db.fetch(
            "SELECT id FROM deliveries WHERE prospect_id = $1", prospect_id)]
        await wait_for(lambda: db.fetchval(
            "SELECT count(*) = $2 FROM outbox WHERE subject = ANY($1::text[]) "
            "AND published_at IS NOT NULL", ids, len(ids)), message="notification events out")
        assert len(ids) == 6  # ack, staff alert, arrival, welcome, staff note, confirmation

        await publish(prospect_erased(prospect_id))
        await wait_for(lambda: db.fetchval(
            "SELECT count(*) = 0 FROM contacts WHERE prospect_id = $1", prospect_id),
            message="the address erased")
        later = desk_booked(installed.data.member_id)  # bookings had not heard yet
        await publish(later)
        await wait_for(lambda: db.fetchval(
            "SELECT count(*) FROM inbox WHERE event_id = $1", later.id),
            message="the later booking handled")
        # Its member is known as erased: nothing is parked, planned or sent for them.
        assert await db.fetchval("SELECT count(*) FROM parked_events WHERE event_id = $1",
                                 later.id) == 0
        assert await db.fetchval("SELECT count(*) FROM deliveries WHERE event_id = $1",
                                 later.id) == 0
        log = (await svc.client.get("/api/notifications", headers=svc.staff(), params={
            "recipient": contact.data.email})).json()

    assert await db.fetchval("SELECT count(*) FROM deliveries WHERE prospect_id = $1",
                             prospect_id) == 0
    assert await db.fetchval("SELECT count(*) FROM members WHERE prospect_id = $1",
                             prospect_id) == 0
    assert await db.fetchval("SELECT count(*) FROM outbox WHERE subject = ANY($1::text[])",
                             ids) == 0
    assert await db.fetchval("SELECT count(*) FROM deliveries "
                             "WHERE body_text LIKE '%' || $1 || '%'", contact.data.last_name) == 0
    assert log["items"] == []
