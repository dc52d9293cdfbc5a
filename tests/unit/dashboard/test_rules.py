"""The counting rules of each thing the dashboard counts, with no I/O."""

import datetime
import re
import uuid
from pathlib import Path

from services.dashboard.domain import bookings, contacts, members, normalise, people
from services.dashboard.domain.dates import minutes_between
from services.dashboard.domain.people import PersonFacts, PersonState, Stage
from services.dashboard.domain.tally import difference, total
from services.dashboard.store.rebuild import MIGRATIONS, PROJECTION_TABLES
from shared.reference.calendar import add_months

T0 = datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC)


def facts(stage: Stage, country=None, sector=None, minutes=0) -> PersonFacts:
    return PersonFacts.of(stage, country, sector, T0 + datetime.timedelta(minutes=minutes),
                          uuid.uuid4())


def test_a_person_counts_once_as_a_prospect_whatever_they_send():
    state = PersonState()
    for f in (facts(Stage.CONTACT), facts(Stage.CONTACT, minutes=5), facts(Stage.QUALIFIED)):
        state = people.with_facts(state, f)
    tally = people.contributions(state)
    assert tally[total("prospects")] == 1 and tally[total("qualified")] == 1
    assert tally[total("installed_people")] == 0


def test_the_most_advanced_event_gives_the_country_and_sector_in_any_order():
    contact = facts(Stage.CONTACT, "fr", "Digital ", minutes=60)  # later, but a lower stage
    qualified = facts(Stage.QUALIFIED, "GB", None)
    one = people.with_facts(people.with_facts(PersonState(), contact), qualified)
    other = people.with_facts(people.with_facts(PersonState(), qualified), contact)
    assert one == other
    assert (one.origin_country, one.sector) == ("GB", "digital")  # no sector at qualification


def test_an_erasure_moves_no_count_but_the_erased_one():
    state = people.with_facts(PersonState(), facts(Stage.CONTACT, "NL"))
    moved = difference(people.contributions(state), people.contributions(people.erased(state)))
    assert moved == {total("erased_people"): 1}


def test_a_change_of_country_moves_the_person_between_countries():
    state = people.with_facts(PersonState(), facts(Stage.CONTACT, "FR"))
    later = people.with_facts(state, facts(Stage.QUALIFIED, "GB"))
    moved = difference(people.contributions(state), people.contributions(later))
    assert moved[("origin_country", "FR", "prospects")] == -1
    assert moved[("origin_country", "GB", "prospects")] == 1
    assert moved[("origin_country", "GB", "qualified")] == 1
    assert moved[total("qualified")] == 1 and total("prospects") not in moved


def booking_facts(cancelled: bool, start: datetime.datetime, hours: float, telecentre=None):
    return bookings.BookingFacts.of(
        cancelled=cancelled, telecentre_id=telecentre, starts_at=start,
        ends_at=start + datetime.timedelta(hours=hours), time=T0, event_id=uuid.uuid4())


def test_a_cancellation_before_its_booking_is_applied_when_the_booking_comes():
    place = uuid.uuid4()
    start = datetime.datetime(2026, 5, 4, 7, tzinfo=datetime.UTC)
    cancelled_first = bookings.with_facts(bookings.BookingState(),
                                          booking_facts(True, start, 8))
    assert bookings.contributions(cancelled_first) == {}
    both = bookings.with_facts(cancelled_first, booking_facts(False, start, 8, place))
    tally = bookings.contributions(both)
    assert tally[total("bookings_made")] == 1 and tally[total("bookings_cancelled")] == 1
    assert tally[total("bookings")] == 0 and tally[total("desk_minutes")] == 0
    assert tally[("booking_week", "2026-W19", "cancelled")] == 1
    assert tally[("telecentre", str(place), "bookings_made")] == 1


def test_a_standing_booking_counts_its_desk_time_within_reason():
    start = datetime.datetime(2026, 5, 4, 7, tzinfo=datetime.UTC)
    state = bookings.with_facts(bookings.BookingState(), booking_facts(False, start, 2.5))
    assert bookings.contributions(state)[total("desk_minutes")] == 150
    assert minutes_between(start, start - datetime.timedelta(hours=1)) == 0
    assert minutes_between(start, start + datetime.timedelta(days=400)) == 31 * 24 * 60


def test_a_member_is_active_after_12_months_with_a_booking_on_or_after_the_anniversary():
    moved_in = datetime.date(2025, 1, 31)
    installed = members.with_installation(members.MemberState(), members.Installation(
        uuid.uuid4(), moved_in, "32013", 3, "01|x"))
    assert not members.with_booking(installed, datetime.date(2026, 1, 30)).active_after_12_months
    assert members.with_booking(installed, datetime.date(2026, 1, 31)).active_after_12_months
    assert add_months(moved_in, 13) == datetime.date(2026, 2, 28)
    tally = members.contributions(members.with_booking(installed, datetime.date(2026, 2, 2)))
    assert tally[("installed_on", "2025-01-31", "active_after_12_months")] == 1
    assert tally[total("new_inhabitants")] == 3 and tally[("village", "32013", "solos")] == 1
    assert tally[total("members")] == 1 and tally[total("members_booking")] == 1


def test_a_booking_before_installation_makes_a_member_but_no_installation():
    state = members.with_booking(members.MemberState(), datetime.date(2026, 1, 5))
    tally = members.contributions(state)
    assert tally[total("members")] == 1 and tally[total("installed_solos")] == 0


def test_notifications_and_contacts_count_once_per_id():
    first = contacts.contact_with(contacts.ContactState(), "web", "00|a")
    again = contacts.contact_with(first, "web", "00|a")
    assert first == again and contacts.contact_contributions(again)[total("contacts")] == 1
    failed = contacts.notification_with(contacts.NotificationState(), sent=False,
                                        channel="email", notification_version="00|a")
    sent = contacts.notification_with(failed, sent=True, channel="email",
                                      notification_version="00|b")
    assert contacts.notification_contributions(sent) == {
        total("notifications_sent"): 1, ("notification_channel", "email", "sent"): 1}


def test_values_are_normalised_before_they_group_figures():
    assert normalise.country(" nl ") == "NL"
    assert normalise.country("Netherlands") is None and normalise.country(None) is None
    assert normalise.sector("  Digital   Services ") == "digital services"
    assert normalise.sector("   ") is None
    assert normalise.household_size(0) == 1 and normalise.household_size(4) == 4


def test_the_rebuild_swaps_every_table_the_migrations_create():
    created = set()
    for migration in MIGRATIONS.glob("*.sql"):
        created |= set(re.findall(r"CREATE TABLE (\w+)", Path(migration).read_text()))
    assert created == set(PROJECTION_TABLES)
