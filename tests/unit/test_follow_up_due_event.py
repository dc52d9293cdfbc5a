"""follow_up.due, the event that asks a member their follow-up's questions: what it
carries (no name, no address), what it refuses, and how the history keeps it."""

import json
import uuid
from datetime import date

import pytest
from pydantic import ValidationError

from shared.events import EVENT_TYPES, CloudEvent, FollowUpDue, InstalledVillage, new_event
from shared.events.history import for_history


def asked(**changes) -> FollowUpDue:
    fields = {"member_id": uuid.uuid4(), "prospect_id": uuid.uuid4(), "months": 6,
              "due_on": date(2026, 3, 10),
              "village": InstalledVillage(insee_code="32208", name="Lectoure"), **changes}
    return FollowUpDue(**fields)


def test_it_is_in_the_contract_and_says_who_by_ids_only():
    assert EVENT_TYPES["follow_up.due"] is FollowUpDue
    assert set(FollowUpDue.model_fields) == {"member_id", "prospect_id", "months", "due_on",
                                             "village"}
    assert FollowUpDue.personal == frozenset()  # nothing in it names a person


def test_it_travels_in_the_envelope_and_reads_back():
    data = asked()
    event = new_event(data, source="/soho/onboarding", subject=str(data.member_id))
    body = json.loads(event.to_json_bytes())
    assert body["type"] == "follow_up.due" and body["subject"] == str(data.member_id)
    assert body["data"] == {"member_id": str(data.member_id),
                            "prospect_id": str(data.prospect_id), "months": 6,
                            "due_on": "2026-03-10",
                            "village": {"insee_code": "32208", "name": "Lectoure"}}
    again = CloudEvent[FollowUpDue].model_validate_json(event.to_json_bytes())
    assert again.data == data
    # The history keeps it whole: there is nothing personal to take out.
    assert json.loads(for_history(event.type, event.to_json_bytes()))["data"] == body["data"]


@pytest.mark.parametrize("months", [0, 3, 24, "six"])
def test_only_the_three_milestones(months):
    with pytest.raises(ValidationError):
        asked(months=months)


def test_a_reader_ignores_fields_added_later():
    body = asked().model_dump(mode="json") | {"asked_by": "a later version"}
    assert FollowUpDue.model_validate(body).months == 6
