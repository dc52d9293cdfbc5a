"""Who hears of a booking: the solo, told in their language with the calendar entry."""

import datetime

from shared.events import BookingCancelled, DeskBooked

from .audience import Person, Planned
from .calendar_invite import booking_calendar
from .dates import format_period


def for_booking(data: DeskBooked | BookingCancelled, person: Person, *, cancelled: bool,
                organizer: str, now: datetime.datetime) -> Planned:
    place = booking_place(data, person.locale)
    context = {"first_name": person.first_name, "booking_id": str(data.booking_id),
               "period_text": format_period(data.starts_at, data.ends_at, person.locale),
               "place_text": place,
               "reason": data.reason if isinstance(data, BookingCancelled) else None}
    invite = booking_calendar(data, cancelled=cancelled, organizer=organizer, now=now,
                              summary=_calendar_summary(person.locale, cancelled),
                              location=place)
    return Planned("booking.cancellation" if cancelled else "booking.confirmation", "email",
                   person.email, person.locale, person.prospect_id, context,
                   attachments=(invite,))


RESOURCE_KINDS = {
    "hot_desk": {"fr": "Poste en espace partagé", "en": "Hot desk"},
    "private_office": {"fr": "Bureau privatif", "en": "Private office"},
    "meeting_room": {"fr": "Salle de réunion", "en": "Meeting room"},
}


def booking_place(data: DeskBooked | BookingCancelled, locale: str) -> str | None:
    """What and where, as far as the event says (optional fields of both events: the kind
    of desk, the desk and the telecentre)."""
    lang = "en" if locale == "en" else "fr"
    kind = RESOURCE_KINDS.get(data.resource_kind or "", {}).get(lang)
    parts = [p for p in (kind, data.desk_name, data.telecentre_name) if p]
    return ", ".join(parts) or None


def _calendar_summary(locale: str, cancelled: bool) -> str:
    base = "Desk booking, Soho Solo" if locale == "en" else "Réservation de poste, Soho Solo"
    if cancelled:
        return ("Cancelled: " if locale == "en" else "Annulée : ") + base
    return base
