"""The event history (the stream soho.events.log) keeps events without the fields that say
who a person is: erasure can reach everything else, never a stream."""

import json
import typing
import uuid
from datetime import UTC, date, datetime

import pytest

from shared.events import (EVENT_TYPES, ContactReceived, InstalledVillage, NotificationFailed,
                           ProspectQualified, SoloInstalled, new_event)
from shared.events.history import for_history
from shared.events.solo_installed import VillageCommittee

# Field names that always say who someone is, whatever the event: a new event type that
# carries one must declare it personal.
NAMING_FIELDS = {"first_name", "last_name", "email", "recipient", "phone", "message"}


def history_of(event) -> dict:
    return json.loads(for_history(event.type, event.to_json_bytes()))


def test_a_contact_keeps_what_the_figures_need_and_loses_who_sent_it():
    data = ContactReceived(
        contact_id=uuid.uuid4(), prospect_id=uuid.uuid4(), is_new_prospect=True,
        channel="web", first_name="Sanne", last_name="de Vries", email="sanne@example.nl",
        locale="en", origin_country="NL", profession="UX designer", household_size=3,
        desired_villages=["32233"], message="We would love to live near Marciac.",
        sector="digital", origin_city="Utrecht", move_horizon="within_a_year")
    event = new_event(data, source="/soho/prospects", subject=str(data.prospect_id))
    kept = history_of(event)

    text = json.dumps(kept)
    for secret in ("Sanne", "de Vries", "sanne@example.nl", "Marciac", "UX designer",
                   "Utrecht"):
        assert secret not in text
    assert kept["id"] == str(event.id) and kept["type"] == "contact.received"
    assert kept["subject"] == str(data.prospect_id)
    assert {k: kept["data"][k] for k in ("origin_country", "household_size", "sector",
                                         "desired_villages", "move_horizon", "locale")} == {
        "origin_country": "NL", "household_size": 3, "sector": "digital",
        "desired_villages": ["32233"], "move_horizon": "within_a_year", "locale": "en"}
    # Still a valid contact.received, so a rebuild reads it with the same model.
    assert ContactReceived.model_validate(kept["data"]).first_name == ""


def test_qualification_installation_and_failed_notification_lose_their_people():
    qualified = new_event(ProspectQualified(
        prospect_id=uuid.uuid4(), first_name="Lars", last_name="Jensen",
        email="lars@example.dk", household_size=2, qualified_by="marie", score=80),
        source="/soho/prospects")
    installed = new_event(SoloInstalled(
        member_id=uuid.uuid4(), prospect_id=uuid.uuid4(), case_id=uuid.uuid4(),
        village=InstalledVillage(insee_code="32233", name="Marciac"),
        installed_on=date(2026, 11, 2), household_size=2,
        committee=VillageCommittee(email="accueil.marciac@example.fr")),
        source="/soho/onboarding")
    failed = new_event(NotificationFailed(
        notification_id=uuid.uuid4(), event_id=uuid.uuid4(), channel="email",
        recipient="lars@example.dk", template="welcome",
        error="550 5.1.1 <lars@example.dk>: recipient rejected"), source="/soho/notifications")

    for event, gone in ((qualified, ("Lars", "Jensen", "lars@example.dk")),
                        (installed, ("accueil.marciac@example.fr",)),
                        (failed, ("lars@example.dk",))):
        kept = history_of(event)
        assert not any(word in json.dumps(kept) for word in gone), event.type
        EVENT_TYPES[event.type].model_validate(kept["data"])
    assert history_of(installed)["data"]["village"] == {"insee_code": "32233",
                                                        "name": "Marciac"}
    assert history_of(qualified)["data"]["score"] == 80


def test_events_without_personal_data_and_unknown_types_are_kept_byte_for_byte():
    body = json.dumps({"id": "x", "type": "desk.booked", "data": {"booking_id": "b"}}).encode()
    assert for_history("desk.booked", body) is body
    assert for_history("bench.measured", b"{not even json") == b"{not even json"


def _names(annotation) -> set[str]:
    """Field names of the pydantic models nested in `annotation`."""
    found = set()
    for arg in (annotation, *typing.get_args(annotation)):
        fields = getattr(arg, "model_fields", None)
        if fields:
            found |= set(fields)
    return found


@pytest.mark.parametrize("event_type", sorted(EVENT_TYPES))
def test_every_field_that_names_a_person_is_declared_personal(event_type):
    model = EVENT_TYPES[event_type]
    for name, field in model.model_fields.items():
        if name in model.personal:
            assert field.is_required() is False or field.annotation is str, (
                f"{event_type}.{name}: a required personal field must be a string, "
                f"emptied to \"\" in the history")
            continue
        assert name not in NAMING_FIELDS, f"{event_type}.{name} names a person: declare it"
        nested = _names(field.annotation) & NAMING_FIELDS
        assert not nested, f"{event_type}.{name} holds {nested}: declare {name} personal"


def test_the_history_of_a_real_event_is_what_the_relay_publishes():
    # The envelope's own fields (time in UTC with Z, correlation id) survive the round trip.
    event = new_event(ProspectQualified(
        prospect_id=uuid.uuid4(), first_name="A", last_name="B", email="a@b.org",
        household_size=1, qualified_by="marie"), source="/soho/prospects",
        correlation_id="req-1")
    kept = history_of(event)
    assert kept["time"].endswith("Z")
    assert datetime.fromisoformat(kept["time"]).astimezone(UTC) == event.time
    assert kept["correlationid"] == "req-1"
