"""A scripted stream of events of every type, with duplicates and late arrivals, and the
exact figures it must give. Ids are fresh on every call; dates are relative to `today`."""

import datetime
import uuid
from dataclasses import dataclass, field
from typing import Any

from services.dashboard.domain.dates import iso_week
from shared.events import (BookingCancelled, CloudEvent, ContactReceived, DeskBooked,
                           InstalledVillage, MemberFollowedUp, NotificationFailed,
                           NotificationSent, ProspectErased, ProspectQualified, SoloInstalled)

UTC = datetime.UTC
PERSONAL = ("Anna", "de Vries", "anna@example.org", "Bram", "Jansen", "bram@example.org",
            "Carla", "Diaz", "carla@example.org", "please call me")


def event(data, time: datetime.datetime, source: str, subject: str) -> CloudEvent[Any]:
    return CloudEvent[type(data)](id=uuid.uuid4(), source=source, type=data.event_type,
                                  time=time, subject=subject, data=data)


@dataclass
class Script:
    events: list[CloudEvent[Any]] = field(default_factory=list)  # in publish order, duplicates in
    ids: dict[str, uuid.UUID] = field(default_factory=dict)
    weeks: dict[str, str] = field(default_factory=dict)

    @property
    def distinct(self) -> set[uuid.UUID]:
        return {e.id for e in self.events}


def scripted_stream(today: datetime.date, *, sector_tag: str = "") -> Script:
    """Four people, two installed households, three bookings, two notifications, one erasure,
    follow-ups of both households (one corrected, the correction arriving first).
    `sector_tag` makes the sectors unique to one test run (the figures add up across tests)."""
    s = Script()
    ids = s.ids = {name: uuid.uuid4() for name in (
        "anna", "bram", "carla", "dirk", "anna_member", "dirk_member", "t1", "t2",
        "d1", "d2", "d3", "b1", "b2", "b3", "n1", "n2", "c_anna", "c_anna2")}
    def day(n: int) -> datetime.date:
        return today - datetime.timedelta(days=n)

    def at(n: int, hour: int = 10) -> datetime.datetime:
        return datetime.datetime.combine(day(n), datetime.time(hour), UTC)
    digital, consulting, crafts = (f"Digital{sector_tag}", f"consulting{sector_tag}",
                                   f"crafts{sector_tag}")

    def contact(contact_id, who, n, channel, country, sector, first, last, email):
        return event(ContactReceived(
            contact_id=contact_id, prospect_id=ids[who], is_new_prospect=True, channel=channel,
            first_name=first, last_name=last, email=email, origin_country=country,
            household_size=2, sector=sector, message="please call me",
            desired_villages=["32107"]), at(n), "/soho/prospects", str(ids[who]))

    def qualified(who, n, country, sector, first, email):
        return event(ProspectQualified(
            prospect_id=ids[who], first_name=first, last_name="X", email=email,
            household_size=2, sector=sector, origin_country=country, qualified_by="marie"),
            at(n), "/soho/prospects", str(ids[who]))

    def installed(who, member, n, insee, name, household):
        return event(SoloInstalled(
            member_id=ids[member], prospect_id=ids[who], case_id=uuid.uuid4(),
            village=InstalledVillage(insee_code=insee, name=name), installed_on=day(n),
            household_size=household), at(n), "/soho/onboarding", str(ids[member]))

    def booking(kind, booking_id, member, telecentre, desk, n, hours):
        start = at(n, 8)
        fields = dict(booking_id=ids[booking_id], member_id=ids[member], desk_id=ids[desk],
                      starts_at=start, ends_at=start + datetime.timedelta(hours=hours))
        data = (DeskBooked(telecentre_id=ids[telecentre], **fields) if kind == "booked"
                else BookingCancelled(reason="member", **fields))
        s.weeks[booking_id] = iso_week(start)
        return event(data, at(n + 1), "/soho/bookings", str(ids[booking_id]))

    def follow_up(who, member, months, installed_n, recorded_n, still_here, going,
                  insee, hour=10):
        recorded = at(recorded_n, hour)
        return event(MemberFollowedUp(
            member_id=ids[member], prospect_id=ids[who], months=months,
            due_on=day(installed_n) + datetime.timedelta(days=30 * months),
            still_here=still_here, activity_going=going, recorded_at=recorded,
            insee_code=insee), recorded, "/soho/onboarding", str(ids[member]))

    # Anna's 12-month follow-up said "left", then staff corrected it to "still here": the
    # correction is published first (another relay, another queue) and the original after.
    anna_12_first = follow_up("anna", "anna_member", 12, 400, 30, False, False, "32107")
    anna_12_corrected = follow_up("anna", "anna_member", 12, 400, 30, True, True, "32107",
                                  hour=15)
    anna_contact = contact(ids["c_anna"], "anna", 500, "web", "nl", digital, "Anna",
                           "de Vries", "anna@example.org")
    # The same contact staged again by its publisher: a new event id, the same contact id.
    anna_again = event(anna_contact.data, anna_contact.time, "/soho/prospects",
                       anna_contact.subject)
    b2_cancelled = booking("cancelled", "b2", "anna_member", "t1", "d2", 5, 8)
    s.events = [
        anna_contact, anna_again, anna_contact,  # and the very same event twice
        contact(ids["c_anna2"], "anna", 480, "email", "NL", None, "Anna", "de Vries",
                "anna@example.org"),
        # Bram says France when he writes; his qualification says Great Britain: GB wins.
        contact(uuid.uuid4(), "bram", 300, "phone", "FR", None, "Bram", "Jansen",
                "bram@example.org"),
        qualified("anna", 470, "NL", digital, "Anna", "anna@example.org"),
        qualified("bram", 200, "GB", consulting, "Bram", "bram@example.org"),
        contact(uuid.uuid4(), "carla", 60, "web", None, None, "Carla", "Diaz",
                "carla@example.org"),
        installed("anna", "anna_member", 400, "32107", "Condom", 3),
        # Dirk's qualification arrives before his contact (separate queues).
        qualified("dirk", 150, "BE", crafts, "Dirk", "dirk@example.org"),
        contact(uuid.uuid4(), "dirk", 160, "event", "BE", None, "Dirk", "Peeters",
                "dirk@example.org"),
        installed("dirk", "dirk_member", 100, "32013", "Auch", 1),
        # A cancellation seen before its booking; Anna books a year after moving in.
        b2_cancelled,
        booking("booked", "b1", "anna_member", "t1", "d1", 10, 3),
        booking("booked", "b2", "anna_member", "t1", "d2", 5, 8),
        booking("booked", "b3", "dirk_member", "t2", "d3", 3, 4),
        b2_cancelled,
        anna_12_corrected,
        follow_up("anna", "anna_member", 1, 400, 360, True, None, "32107"),
        follow_up("anna", "anna_member", 6, 400, 210, True, False, "32107"),
        anna_12_first, anna_12_first,  # the original, late, and delivered twice
        # The correction staged again by its publisher: a new event id, the same answer.
        event(anna_12_corrected.data, anna_12_corrected.time, "/soho/onboarding",
              anna_12_corrected.subject),
        # Dirk left within a month; his follow-up comes before his installation is known
        # in some orders. His 6-month milestone has not come yet.
        follow_up("dirk", "dirk_member", 1, 100, 65, False, False, "32013"),
        event(NotificationSent(notification_id=ids["n1"], event_id=anna_contact.id,
                               channel="email", recipient="anna@example.org",
                               template="contact-received"), at(499), "/soho/notifications",
              str(ids["n1"])),
        event(NotificationFailed(notification_id=ids["n2"], event_id=anna_contact.id,
                                 channel="webhook", recipient="https://example.org/hook",
                                 template="arrival", error="timeout"), at(399),
              "/soho/notifications", str(ids["n2"])),
        event(ProspectErased(prospect_id=ids["carla"]), at(30), "/soho/prospects",
              str(ids["carla"])),
    ]
    return s


def expected_totals() -> dict[str, Any]:
    return {"contacts": 5, "prospects": 4, "qualified": 3, "installed_solos": 2,
            "new_inhabitants": 4, "villages_with_solos": 2, "bookings": 2,
            "bookings_made": 3, "bookings_cancelled": 1, "desk_hours": 7.0, "members": 2,
            "members_booking": 2, "erased_people": 1, "telecentres_used": 2}


def expected_follow_ups() -> list[dict[str, Any]]:
    """Per milestone: due, followed up, still here, activity going, rate."""
    return [
        {"months": 1, "due": 2, "followed_up": 2, "still_here": 1, "activity_going": 0,
         "still_here_rate": 0.5},
        {"months": 6, "due": 1, "followed_up": 1, "still_here": 1, "activity_going": 0,
         "still_here_rate": 1.0},
        {"months": 12, "due": 1, "followed_up": 1, "still_here": 1, "activity_going": 1,
         "still_here_rate": 1.0},
    ]


def expected_by_sector(tag: str) -> dict[str, int]:
    return {f"digital{tag}".lower(): 1, f"consulting{tag}".lower(): 1,
            f"crafts{tag}".lower(): 1}
