"""The booking as an iCalendar attachment (RFC 5545): PUBLISH when booked, CANCEL with the
same UID and a higher SEQUENCE when cancelled, so calendars update the same entry."""

import datetime
from email.utils import parseaddr

from icalendar import Calendar, Event, vCalAddress

from shared.events import BookingCancelled, DeskBooked


def booking_calendar(data: DeskBooked | BookingCancelled, *, cancelled: bool, organizer: str,
                     now: datetime.datetime, summary: str, location: str | None) -> dict[str, str]:
    address = parseaddr(organizer)[1] or "bonjour@soho-solo.example.org"
    calendar = Calendar()
    calendar.add("prodid", "-//Soho Solo//notifications//FR")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    event.add("uid", f"booking-{data.booking_id}@{address.rpartition('@')[2]}")
    event.add("dtstamp", now.astimezone(datetime.UTC))
    event.add("dtstart", data.starts_at.astimezone(datetime.UTC))
    event.add("dtend", data.ends_at.astimezone(datetime.UTC))
    event.add("summary", summary)
    event.add("sequence", 1 if cancelled else 0)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("organizer", vCalAddress(f"mailto:{address}"))
    if location:
        event.add("location", location)
    calendar.add_component(event)
    return {"filename": "reservation.ics",
            "content_type": f"text/calendar; method={'CANCEL' if cancelled else 'PUBLISH'}",
            "content": calendar.to_ical().decode()}
