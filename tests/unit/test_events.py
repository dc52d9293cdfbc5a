"""The CloudEvents envelope and the contract's event models (no I/O)."""

import json
import uuid
from datetime import date, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from shared.events import (EVENT_TYPES, CloudEvent, ContactReceived, ProspectErased,
                           SoloInstalled, new_event)

CONTRACT_FIELDS = {
    "contact.received": {"contact_id", "prospect_id", "is_new_prospect", "channel", "first_name",
                         "last_name", "email", "locale", "origin_country", "profession",
                         "household_size", "desired_villages", "message"},
    "prospect.qualified": {"prospect_id", "first_name", "last_name", "email", "locale",
                           "household_size", "sector", "origin_country", "target_villages",
                           "qualified_by"},
    "prospect.erased": {"prospect_id"},
    "solo.installed": {"member_id", "prospect_id", "case_id", "village", "installed_on",
                       "household_size", "sector", "origin_country"},
    "member.followed_up": {"member_id", "prospect_id", "months", "due_on", "still_here",
                           "activity_going", "recorded_at", "insee_code"},
    "follow_up.due": {"member_id", "prospect_id", "months", "due_on", "village"},
    "desk.booked": {"booking_id", "member_id", "telecentre_id", "desk_id", "starts_at",
                    "ends_at"},
    "booking.cancelled": {"booking_id", "member_id", "desk_id", "starts_at", "ends_at"},
    "notification.sent": {"notification_id", "event_id", "channel", "recipient", "template"},
    "notification.failed": {"notification_id", "event_id", "channel", "recipient", "template",
                            "error"},
}


@pytest.mark.parametrize("event_type", sorted(CONTRACT_FIELDS))
def test_every_contract_event_type_has_a_model_with_at_least_its_fields(event_type):
    model = EVENT_TYPES[event_type]
    assert model.event_type == event_type
    assert CONTRACT_FIELDS[event_type] <= set(model.model_fields)


def test_the_envelope_is_cloudevents_structured_json():
    data = ProspectErased(prospect_id=uuid.uuid4())
    event = new_event(data, source="/soho/prospects", subject=str(data.prospect_id),
                      correlation_id="abc")
    body = json.loads(event.to_json_bytes())
    assert body["specversion"] == "1.0"
    assert uuid.UUID(body["id"]) == event.id
    assert body["type"] == "prospect.erased"
    assert body["source"] == "/soho/prospects"
    assert body["subject"] == str(data.prospect_id)
    assert body["datacontenttype"] == "application/json"
    assert body["correlationid"] == "abc"
    assert body["data"] == {"prospect_id": str(data.prospect_id)}
    parsed = datetime.fromisoformat(body["time"].replace("Z", "+00:00"))
    assert body["time"].endswith("Z") and parsed.utcoffset() == timedelta(0)


def test_time_is_written_in_utc_whatever_zone_it_was_made_in():
    event = new_event(ProspectErased(prospect_id=uuid.uuid4()), source="/soho/x")
    paris = event.model_copy(update={"time": datetime(2026, 3, 29, 3, 30,
                                                      tzinfo=timezone(timedelta(hours=2)))})
    assert json.loads(paris.to_json_bytes())["time"] == "2026-03-29T01:30:00Z"


def test_readers_ignore_fields_they_do_not_know():
    member = uuid.uuid4()
    body = {
        "specversion": "1.0", "id": str(uuid.uuid4()), "source": "/soho/onboarding",
        "type": "solo.installed", "time": "2026-05-01T10:00:00Z", "subject": str(member),
        "datacontenttype": "application/json", "newattribute": "from a later version",
        "data": {"member_id": str(member), "prospect_id": str(uuid.uuid4()),
                 "case_id": str(uuid.uuid4()), "installed_on": "2026-05-01",
                 "village": {"insee_code": "32013", "name": "Auch", "region": "Occitanie"},
                 "household_size": 3, "sector": "software", "origin_country": "NL",
                 "pets": ["a cat"]},
    }
    event = CloudEvent[SoloInstalled].model_validate(body)
    assert event.data.village.name == "Auch"
    assert event.data.installed_on == date(2026, 5, 1)


@pytest.mark.parametrize("broken", [
    {"specversion": "0.3"},
    {"id": "not-a-uuid"},
    {"time": "2026-05-01T10:00:00"},  # no offset: ambiguous, refused
    {"data": {"contact_id": "x"}},
])
def test_a_malformed_envelope_is_refused(broken):
    good = new_event(ContactReceived(
        contact_id=uuid.uuid4(), prospect_id=uuid.uuid4(), is_new_prospect=True,
        channel="web", first_name="Anna", last_name="de Vries", email="anna@example.nl",
        locale="en"), source="/soho/prospects")
    body = {**json.loads(good.to_json_bytes()), **broken}
    with pytest.raises(ValidationError):
        CloudEvent[ContactReceived].model_validate(body)
