"""What really happened during the load: only requests the platform ACCEPTED (2xx), and
retries resolved (the same Idempotency-Key answering the first response; a 409 after a
lost answer that turns out to be our own earlier success). Everything the checker expects
(events, emails, key figures) is derived from this and nothing else."""

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Person:
    contact_id: str
    prospect_id: str
    email: str
    origin_country: str
    household_size: int


@dataclass(frozen=True)
class Member:
    member_id: str
    case_id: str
    prospect_id: str
    email: str
    village: str
    household_size: int


@dataclass(frozen=True)
class Booking:
    booking_id: str
    member_id: str
    desk_id: str
    starts_at: str


@dataclass
class GroundTruth:
    staff_email: str
    committees: dict[str, str]  # INSEE code -> committee email told at once (not a digest)
    people: dict[str, Person] = field(default_factory=dict)  # by prospect id
    qualified: set[str] = field(default_factory=set)  # prospect ids
    members: dict[str, Member] = field(default_factory=dict)  # by member id
    bookings: dict[str, Booking] = field(default_factory=dict)  # by booking id, made
    cancelled: set[str] = field(default_factory=set)  # booking ids
    # How requests went, for the report.
    operations: Counter = field(default_factory=Counter)  # accepted, per kind
    replays: Counter = field(default_factory=Counter)  # retries answered as the first time
    resolved: Counter = field(default_factory=Counter)  # 409 after a lost answer: ours
    conflicts: Counter = field(default_factory=Counter)  # refused on purpose (double booking)
    retries: Counter = field(default_factory=Counter)  # per status or error name
    server_errors: list[str] = field(default_factory=list)  # every 500 seen: a bug
    stuck: list[str] = field(default_factory=list)  # journeys that could not go on, and why

    # Recording, as answers come.
    def contact(self, person: Person) -> None:
        self.people[person.prospect_id] = person
        self.operations["contact"] += 1

    def qualification(self, prospect_id: str) -> None:
        self.qualified.add(prospect_id)
        self.operations["qualification"] += 1

    def installation(self, member: Member) -> None:
        self.members[member.member_id] = member
        self.operations["installation"] += 1

    def booking(self, booking: Booking) -> None:
        self.bookings[booking.booking_id] = booking
        self.operations["booking"] += 1

    def cancellation(self, booking_id: str) -> None:
        self.cancelled.add(booking_id)
        self.operations["cancellation"] += 1

    # What follows from it.
    def expected_events(self) -> dict[str, set[str]]:
        """Per event type, the natural keys (see checker.event_key) that must appear once."""
        return {
            "contact.received": {p.contact_id for p in self.people.values()},
            "prospect.qualified": set(self.qualified),
            "solo.installed": set(self.members),
            "desk.booked": set(self.bookings),
            "booking.cancelled": set(self.cancelled),
        }

    def expected_mails(self) -> set[tuple[str, str, str]]:
        """(template, recipient, reference): every email, one each, and no other."""
        return self.expected_notification_mails() | self.expected_identity_mails()

    def expected_identity_mails(self) -> set[tuple[str, str, str]]:
        """Identity's own: each installed solo's welcome with their sign-in link."""
        return {("identity.welcome_member", m.email, "") for m in self.members.values()}

    def expected_notification_mails(self) -> set[tuple[str, str, str]]:
        """The notifications service's, each with its notification.sent event."""
        staff = self.staff_email
        mails = set()
        for p in self.people.values():
            mails.add(("contact.acknowledgement", p.email, ""))
            mails.add(("contact.staff_alert", staff, p.prospect_id))
        for m in self.members.values():
            mails.add(("solo.welcome", m.email, ""))
            mails.add(("solo.staff_note", staff, m.case_id))
            if m.village in self.committees:
                mails.add(("solo.arrival", self.committees[m.village], m.case_id))
        for b in self.bookings.values():
            email = self.members[b.member_id].email
            mails.add(("booking.confirmation", email, b.booking_id))
            if b.booking_id in self.cancelled:
                mails.add(("booking.cancellation", email, b.booking_id))
        return mails

    def expected_kpis(self) -> dict[str, int]:
        members = self.members.values()
        return {
            "contacts": len(self.people),
            "prospects": len(self.people),
            "qualified": len(self.qualified),
            "installed_solos": len(self.members),
            "new_inhabitants": sum(m.household_size for m in members),
            "villages_with_solos": len({m.village for m in members}),
            "bookings": len(set(self.bookings) - self.cancelled),
            "notifications.sent": len(self.expected_notification_mails()),
            "notifications.failed": 0,
        }

    def expected_by_origin_country(self) -> dict[str, int]:
        return dict(Counter(p.origin_country for p in self.people.values()))
