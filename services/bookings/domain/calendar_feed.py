"""Bookings as iCalendar (RFC 5545) events, with the icalendar library: values in, the .ics
bytes out (no I/O). Times are written in Europe/Paris with its VTIMEZONE, so calendar apps
place them right across DST changes."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from icalendar import Calendar, Event

from shared.reference.calendar import PARIS

PRODID = "-//Soho Solo//Bookings//FR"
KIND_LABELS = {"hot_desk": ("Poste de travail", "Hot desk"),
               "private_office": ("Bureau privatif", "Private office"),
               "meeting_room": ("Salle de réunion", "Meeting room")}


@dataclass(frozen=True)
class CalendarEntry:
    booking_id: str
    resource_kind: str
    resource_name: str
    place_name: str
    place_address: str
    starts_at: datetime
    ends_at: datetime
    cancelled: bool = False


def booking_event(entry: CalendarEntry, stamp: datetime) -> Event:
    french, english = KIND_LABELS.get(entry.resource_kind, ("Réservation", "Booking"))
    event = Event()
    event.add("uid", f"{entry.booking_id}@bookings.soho-solo")
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", entry.starts_at.astimezone(PARIS))
    event.add("dtend", entry.ends_at.astimezone(PARIS))
    event.add("summary", f"{french} « {entry.resource_name} » — {entry.place_name}")
    event.add("description", f"{english} « {entry.resource_name} », {entry.place_name}. "
                             f"Réservation / booking {entry.booking_id}")
    event.add("location", entry.place_address)
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def calendar_of(entries: Iterable[CalendarEntry], name: str, stamp: datetime) -> bytes:
    """A VCALENDAR holding one VEVENT per entry and the VTIMEZONE they use."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Paris")
    years = []
    for entry in entries:
        cal.add_component(booking_event(entry, stamp))
        years += [entry.starts_at.year, entry.ends_at.year]
    if years:
        cal.add_missing_timezones(first_date=date(min(years) - 1, 1, 1),
                                  last_date=date(max(years) + 1, 12, 31))
    return cal.to_ical()


def feed_address(public_url: str, token: str) -> str:
    """A member's feed as calendar apps reach it, through the front door (SOHO_PUBLIC_URL),
    never from the Host header a request came with."""
    return f"{public_url.rstrip('/')}/calendar/{token}.ics"
