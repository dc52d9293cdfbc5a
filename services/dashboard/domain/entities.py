"""The things the dashboard counts, each with its table, its state and what it counts for.
Their order is the order a handler locks them in (so two handlers never deadlock)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import bookings, contacts, members, people
from .tally import Tally


@dataclass(frozen=True)
class Entity:
    table: str
    state: type
    contributions: Callable[[Any], Tally]


CONTACT = Entity("contact", contacts.ContactState, contacts.contact_contributions)
NOTIFICATION = Entity("notification", contacts.NotificationState,
                      contacts.notification_contributions)
PERSON = Entity("person", people.PersonState, people.contributions)
MEMBER = Entity("member", members.MemberState, members.contributions)
BOOKING = Entity("booking", bookings.BookingState, bookings.contributions)
DESK = Entity("desk", bookings.DeskState, bookings.desk_contributions)

LOCK_ORDER = (CONTACT, NOTIFICATION, PERSON, MEMBER, BOOKING, DESK)
