"""Who hears what, decided from the event and what the service knows (no I/O)."""

import datetime
import uuid

from services.notifications.domain.audience import (Committee, Person, Staff, for_contact,
                                                    for_digest, for_installation)
from services.notifications.domain.booking_notice import for_booking
from shared.events import BookingCancelled, ContactReceived, DeskBooked, SoloInstalled
from shared.events.solo_installed import InstalledVillage

STAFF = Staff(("a@soho.example.org", "b@soho.example.org"), "fr", "a@soho.example.org")
NOW = datetime.datetime(2025, 8, 30, 10, 0, tzinfo=datetime.UTC)


def contact(locale="en"):
    return ContactReceived(contact_id=uuid.uuid4(), prospect_id=uuid.uuid4(),
                           is_new_prospect=True, channel="web", first_name="Alice",
                           last_name="Smith", email="alice@example.org", locale=locale,
                           message="Hello")


def installed(**overrides):
    values = dict(member_id=uuid.uuid4(), prospect_id=uuid.uuid4(), case_id=uuid.uuid4(),
                  village=InstalledVillage(insee_code="32208", name="Lectoure"),
                  installed_on=datetime.date(2025, 9, 1), household_size=4, sector="software",
                  origin_country="GB")
    return SoloInstalled(**(values | overrides))


def person(prospect_id, locale="en"):
    return Person(prospect_id, "alice@example.org", "Alice", "Smith", locale)


def committee(**overrides):
    values = dict(insee_code="32208", village_name="Lectoure", email="accueil@example.org",
                  locale="fr", webhook_url=None, digest="immediate")
    return Committee(**(values | overrides))


def test_a_contact_is_acknowledged_in_its_language_and_each_staff_member_alerted():
    data = contact("en")
    plan = for_contact(data, STAFF)
    ack, *alerts = plan
    assert (ack.template, ack.recipient, ack.locale) == ("contact.acknowledgement",
                                                         "alice@example.org", "en")
    assert [(a.template, a.recipient, a.locale) for a in alerts] == [
        ("contact.staff_alert", "a@soho.example.org", "fr"),
        ("contact.staff_alert", "b@soho.example.org", "fr")]
    assert alerts[0].context["message"] == "Hello"
    assert all(p.prospect_id == data.prospect_id for p in plan)


def test_the_committee_learns_what_it_needs_to_welcome_and_nothing_more():
    data = installed()
    plan = for_installation(data, person(data.prospect_id),
                            committee(webhook_url="https://hooks.example.org/a"), STAFF)
    by_template = {(p.template, p.channel): p for p in plan.deliveries}
    email = by_template[("solo.arrival", "email")]
    hook = by_template[("solo.arrival", "webhook")]
    assert email.recipient == "accueil@example.org" and email.locale == "fr"
    assert email.context["first_name"] == "Alice"
    assert email.context["household_size"] == 4
    assert email.context["installed_on_text"] == "lundi 1er septembre 2025"
    shared = set(email.context) | set(hook.payload["arrival"])
    for private in ("last_name", "email", "origin_country", "message", "prospect_id"):
        assert private not in shared
    assert "Smith" not in repr(email.context) + repr(hook.payload)
    assert hook.recipient == "committee:32208" and hook.target == "https://hooks.example.org/a"
    assert hook.payload["village"] == {"insee_code": "32208", "name": "Lectoure"}
    assert plan.digest_item is None and not plan.waiting_for_person


def test_the_solo_is_welcomed_and_staff_get_a_note():
    data = installed()
    plan = for_installation(data, person(data.prospect_id, "en"), committee(), STAFF)
    [welcome] = [p for p in plan.deliveries if p.template == "solo.welcome"]
    assert (welcome.recipient, welcome.locale) == ("alice@example.org", "en")
    notes = [p for p in plan.deliveries if p.template == "solo.staff_note"]
    assert [n.recipient for n in notes] == list(STAFF.addresses)
    assert notes[0].context["last_name"] == "Smith"


def test_a_weekly_committee_gets_its_arrival_in_the_digest_not_now():
    data = installed()
    plan = for_installation(data, person(data.prospect_id), committee(digest="weekly"), STAFF)
    assert not [p for p in plan.deliveries if p.template == "solo.arrival"]
    assert plan.digest_item == {"first_name": "Alice", "household_size": 4,
                                "installed_on": "2025-09-01", "sector": "software",
                                "reference": str(data.case_id)}
    digest = for_digest(committee(digest="weekly"), [plan.digest_item], NOW)
    assert [(p.template, p.channel) for p in digest] == [("arrivals.digest", "email")]
    assert digest[0].context["arrivals"][0]["installed_on_text"] == "lundi 1er septembre 2025"


def test_without_the_solos_address_the_rest_goes_and_the_welcome_waits():
    data = installed()
    plan = for_installation(data, None, None, STAFF)
    assert plan.waiting_for_person
    assert {p.template for p in plan.deliveries} == {"solo.staff_note"}
    assert "aucun" in plan.deliveries[0].context["committee_text"]


def test_a_booking_confirmation_carries_its_calendar_entry():
    booking = DeskBooked(booking_id=uuid.uuid4(), member_id=uuid.uuid4(),
                         telecentre_id=uuid.uuid4(), desk_id=uuid.uuid4(),
                         starts_at="2025-09-02T09:00:00+02:00", ends_at="2025-09-02T17:30:00+02:00",
                         resource_kind="private_office")
    planned = for_booking(booking, person(uuid.uuid4(), "fr"), cancelled=False,
                          organizer="Soho Solo <bonjour@soho.example.org>", now=NOW)
    assert planned.template == "booking.confirmation"
    assert planned.context["period_text"] == "mardi 2 septembre 2025, de 9 h 00 à 17 h 30"
    assert planned.context["place_text"] == "Bureau privatif"
    [invite] = planned.attachments
    assert "DTSTART:20250902T070000Z" in invite["content"]
    assert "DTEND:20250902T153000Z" in invite["content"]
    assert "METHOD:PUBLISH" in invite["content"]


def test_a_cancellation_cancels_the_same_calendar_entry():
    booking = BookingCancelled(booking_id=uuid.uuid4(), member_id=uuid.uuid4(),
                               desk_id=uuid.uuid4(), starts_at="2025-09-02T09:00:00+02:00",
                               ends_at="2025-09-02T17:30:00+02:00", reason="no_show")
    planned = for_booking(booking, person(uuid.uuid4(), "en"), cancelled=True,
                          organizer="bonjour@soho.example.org", now=NOW)
    assert planned.template == "booking.cancellation" and planned.context["reason"] == "no_show"
    content = planned.attachments[0]["content"]
    assert "METHOD:CANCEL" in content and "STATUS:CANCELLED" in content
    assert f"UID:booking-{booking.booking_id}@soho.example.org" in content


def test_committees_and_staff_read_the_sector_by_its_name_the_webhook_gets_its_code():
    data = installed(sector="crafts")
    both = committee(webhook_url="https://lectoure.example.org/hook")
    plan = for_installation(data, person(data.prospect_id), both, STAFF)
    [email] = [p for p in plan.deliveries if p.template == "solo.arrival" and p.channel == "email"]
    assert email.context["sector_text"] == "Artisanat"  # the committee reads French
    [hook] = [p for p in plan.deliveries if p.channel == "webhook"]
    assert hook.payload["arrival"]["sector"] == "crafts"  # programs get the code
    notes = [p for p in plan.deliveries if p.template == "solo.staff_note"]
    assert {n.context["sector"] for n in notes} == {"Artisanat"}
    weekly = for_installation(data, person(data.prospect_id),
                              committee(digest="weekly", locale="en"), STAFF)
    digest = for_digest(committee(digest="weekly", locale="en"), [weekly.digest_item], NOW)
    assert digest[0].context["arrivals"][0]["sector_text"] == "Crafts"
