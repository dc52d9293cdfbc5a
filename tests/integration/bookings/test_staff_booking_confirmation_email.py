"""A desk booked by staff for a member who has no account yet reaches the member as the
usual confirmation email with its calendar entry: bookings' desk.booked goes out through
its outbox (the relay), and the notifications service, consuming it from the bus, emails
the member at the address it learned from contact.received and solo.installed."""

import uuid

from icalendar import Calendar

from services.bookings.domain.occupancy import iso_week
from services.notifications.app import SERVICE as NOTIFICATIONS
from tests.integration.notifications.events import (contact_received, solo_installed,
                                                    unique_email)
from tests.support.service_app import running_service
from tests.support.smtp import smtp_server  # noqa: F401  (the fixture)
from tests.support.waiting import wait_for

from .staff_pages import open_page, post_form
from .support import bookable_day, member_count, new_desk, new_place, paris, publish


async def test_the_member_gets_the_confirmation_with_its_ics(service, amqp_url, database_url,
                                                             smtp_server):
    contact = contact_received(email=unique_email("solo"), locale="fr", first_name="Camille")
    installed = solo_installed(contact.data.prospect_id, insee_code="32208", name="Lectoure")
    member = installed.data.member_id
    place = await new_place(service, name=f"Télécentre de Lectoure {uuid.uuid4().hex[:4]}")
    desk = await new_desk(service, place, kind="hot_desk", mode="half_day", name="Poste 7")
    day = bookable_day(16)
    settings = {"SMTP_URL": smtp_server.url, "NOTIFICATIONS_FIRST_BACKOFF": 0.05,
                "NOTIFICATIONS_MAX_BACKOFF": 0.4, "NOTIFICATIONS_POLL_INTERVAL": 0.5,
                "NOTIFICATIONS_STAFF_EMAILS": [unique_email("staff")],
                "SOHO_PUBLIC_URL": "https://soho-solo.example.org"}
    async with running_service(NOTIFICATIONS, database_url, amqp_url, **settings):
        await publish(amqp_url, contact, installed)
        await wait_for(lambda: _known(service, member), timeout=30, message="bookings knows")
        service.client.cookies.clear()
        week = await open_page(service, f"/staff/bookings/members/{member}/book/{place}"
                                        f"?week={iso_week(day)}")
        slot = f"{desk} {paris(day, 8).isoformat()} {paris(day, 13).isoformat()}"
        booked = await post_form(service, week, f"/staff/bookings/members/{member}/book/{place}",
                                 {"slot": slot})
        service.client.cookies.clear()
        assert booked.status_code == 303, booked.text
        [confirmation] = await wait_for(
            lambda: [m for m in smtp_server.to(contact.data.email)
                     if m.message["X-Soho-Template"] == "booking.confirmation"],
            timeout=60, message="the confirmation email")
    text = confirmation.message.get_body(("plain",)).get_content()
    assert "Poste 7" in text
    [attachment] = list(confirmation.message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    event = Calendar.from_ical(attachment.get_content()).walk("VEVENT")[0]
    assert event.decoded("dtstart") == paris(day, 8)
    assert event.decoded("dtend") == paris(day, 13)


async def _known(service, member) -> bool:
    return await member_count(service, [member]) == 1
