"""solo.installed: the committee (email and signed webhook), the solo, staff; desk.booked
and booking.cancelled: the solo, with the booking as iCalendar."""

import datetime
import hashlib
import hmac
import json
import time

from icalendar import Calendar

from tests.support.waiting import wait_for

from .events import (booking_cancelled, contact_received, desk_booked, solo_installed,
                     unique_email)
from .webhook_receiver import WebhookReceiver


def verify_signature(secret: str, header: str, body: bytes) -> bool:
    """As a committee's receiver would: recompute, compare in constant time, check age."""
    fields = dict(part.split("=", 1) for part in header.split(","))
    expected = hmac.new(secret.encode(), f"{fields['t']}.".encode() + body,
                        hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, fields["v1"]) and abs(time.time() - int(fields["t"])) < 300


async def test_an_arrival_reaches_the_committee_by_email_and_signed_webhook(
        service, smtp_server, publish):
    contact = contact_received(locale="en", first_name="Alice")
    committee_email = unique_email("committee")
    installed = solo_installed(contact.data.prospect_id, insee_code="32013", name="Auch")
    # The receiver listens on loopback: allowed for this test only.
    async with WebhookReceiver() as receiver, service(
            smtp_server.url, NOTIFICATIONS_ALLOW_PRIVATE_WEBHOOKS=True) as svc:
        response = await svc.client.put("/api/committees/32013", headers=svc.staff(), json={
            "village_name": "Auch", "email": committee_email, "locale": "fr",
            "webhook_url": receiver.url()})
        # 201, or 200 when a demo committee of Auch was seeded earlier in the same database.
        assert response.status_code in (200, 201), response.text
        secret = response.json()["webhook_secret"]
        await publish(contact)
        await smtp_server.wait_for_messages(to=contact.data.email)
        await publish(installed)
        [arrival] = await smtp_server.wait_for_messages(to=committee_email)
        [welcome, *_] = await wait_for(
            lambda: [m for m in smtp_server.to(contact.data.email)
                     if m.message["X-Soho-Template"] == "solo.welcome"], message="welcome")
        await wait_for(lambda: [m for m in smtp_server.to(svc.staff_email)
                                if m.message["X-Soho-Template"] == "solo.staff_note"],
                       message="staff note")
        await wait_for(lambda: receiver.requests, message="the webhook")

    assert arrival.message["Subject"] == "Un foyer arrive à Auch le lundi 1er septembre 2025"
    text = arrival.message.get_body(("plain",)).get_content()
    assert "Alice" in text and "Personnes dans le foyer : 3" in text
    for private in (contact.data.last_name, contact.data.email, "GB"):
        assert private not in arrival.raw.decode("utf-8", "replace")
    assert arrival.message["List-Unsubscribe"]  # committees may leave the arrivals list

    assert welcome.message["Subject"] == "Welcome to Auch, Alice!"
    assert welcome.message["List-Unsubscribe"].startswith(
        "<https://soho-solo.example.org/unsubscribe/")

    [request] = receiver.requests
    assert request.method == "POST" and request.path == "/hooks/arrivals"
    assert request.headers["content-type"] == "application/json"
    assert verify_signature(secret, request.headers["soho-signature"], request.body)
    assert not verify_signature("another-secret-of-enough-length-000",
                                request.headers["soho-signature"], request.body)
    payload = json.loads(request.body)
    assert payload["type"] == "solo.arrival" and payload["event_id"] == str(installed.id)
    assert payload["village"] == {"insee_code": "32013", "name": "Auch"}
    assert payload["arrival"]["first_name"] == "Alice"
    assert payload["arrival"]["reference"] == str(installed.data.case_id)
    assert contact.data.last_name not in request.body.decode()


async def test_a_booking_is_confirmed_with_its_calendar_entry_then_cancelled(
        service, smtp_server, publish):
    contact = contact_received(locale="fr", first_name="Camille")
    installed = solo_installed(contact.data.prospect_id)
    # bookings names the telecentre and the desk (optional fields of desk.booked).
    booked = desk_booked(installed.data.member_id, telecentre_name="Télécentre de Marciac",
                         desk_name="Poste 4")
    async with service(smtp_server.url):
        # Out of order on purpose: the booking comes before the member is known.
        await publish(booked, contact)
        await publish(installed)
        [confirmation] = await wait_for(
            lambda: [m for m in smtp_server.to(contact.data.email)
                     if m.message["X-Soho-Template"] == "booking.confirmation"],
            message="the confirmation")
        await publish(booking_cancelled(booked))
        [cancellation] = await wait_for(
            lambda: [m for m in smtp_server.to(contact.data.email)
                     if m.message["X-Soho-Template"] == "booking.cancellation"],
            message="the cancellation")

    message = confirmation.message
    assert message["Subject"] == ("Réservation confirmée : mardi 2 septembre 2025, "
                                  "de 9 h 00 à 17 h 30")
    assert message["List-Unsubscribe"] is None
    text = message.get_body(("plain",)).get_content()
    assert "Poste 4, Télécentre de Marciac" in text  # the email names the desk and the place
    assert "Poste 4, Télécentre de Marciac" in message.get_body(("html",)).get_content()
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    event = Calendar.from_ical(attachment.get_content()).walk("VEVENT")[0]
    paris = datetime.timezone(datetime.timedelta(hours=2))
    assert event.decoded("dtstart") == datetime.datetime(2025, 9, 2, 9, 0, tzinfo=paris)
    assert event.decoded("dtend") == datetime.datetime(2025, 9, 2, 17, 30, tzinfo=paris)
    assert str(event["location"]) == "Poste 4, Télécentre de Marciac"
    uid = str(event["uid"])

    cancelled = Calendar.from_ical(
        list(cancellation.message.iter_attachments())[0].get_content())
    assert str(cancelled["method"]) == "CANCEL"
    assert str(cancelled.walk("VEVENT")[0]["uid"]) == uid
    assert cancellation.message["Subject"].startswith("Réservation annulée")
    # The cancellation names what was freed, as booking.cancelled now says it.
    assert "Poste 4, Télécentre de Marciac" in cancellation.message.get_body(
        ("plain",)).get_content()
