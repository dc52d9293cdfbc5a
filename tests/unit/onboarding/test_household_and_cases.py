"""The household read from a qualification, a case's life, installation dates."""

import datetime
import uuid

import pytest
from pydantic import ValidationError

from services.onboarding.domain import (CaseConflict, CaseStatus, check_can_abandon,
                                        check_can_install, check_steps_editable,
                                        household_from, installation_date_problem, local_date)
from shared.events import ProspectQualified


def test_a_household_of_one_has_no_children_a_larger_one_may():
    assert household_from(1, None, []).expects_children is False
    assert household_from(3, None, []).expects_children is None
    assert household_from(3, 0, []).expects_children is False
    assert household_from(3, 1, []).expects_children is True


def test_impossible_numbers_are_brought_back_to_a_consistent_household():
    assert household_from(0, None, []).size == 1
    assert household_from(500, None, []).size == 99
    assert household_from(2, 5, []).children == 1  # someone is the adult
    assert household_from(2, -1, []).children == 0


def test_only_insee_looking_wishes_are_kept():
    wished = household_from(1, None, ["32013", "Auch", "", "32xyz", "2A004"]).wished_villages
    assert wished == {"32013", "2A004"}


def qualified(**data) -> ProspectQualified:
    return ProspectQualified.model_validate({
        "prospect_id": str(uuid.uuid4()), "first_name": "Anna", "last_name": "de Vries",
        "email": "anna@example.nl", "household_size": 3, "qualified_by": "marie", **data})


def test_the_event_may_carry_a_children_count_and_an_impossible_one_is_brought_back():
    assert qualified().children is None
    assert qualified(children=2).children == 2
    too_many = qualified(children=7)
    assert household_from(too_many.household_size, too_many.children, []).children == 2
    # The shared contract reads `children` as an integer: an unreadable count is no
    # longer "unknown" but a malformed event (onboarding's own lenient model is gone).
    with pytest.raises(ValidationError):
        qualified(children="two")


def test_a_case_is_installed_once_and_an_abandoned_one_never():
    check_can_install(CaseStatus.OPEN)
    with pytest.raises(CaseConflict, match="already installed"):
        check_can_install(CaseStatus.INSTALLED)
    with pytest.raises(CaseConflict, match="abandoned"):
        check_can_install(CaseStatus.ABANDONED)


def test_only_an_open_case_can_be_abandoned_and_its_checklist_then_freezes():
    check_can_abandon(CaseStatus.OPEN)
    for status in (CaseStatus.INSTALLED, CaseStatus.ABANDONED):
        with pytest.raises(CaseConflict):
            check_can_abandon(status)
    check_steps_editable(CaseStatus.INSTALLED)
    with pytest.raises(CaseConflict):
        check_steps_editable(CaseStatus.ABANDONED)


def test_an_installation_date_is_plausible_up_to_a_year_ahead():
    today = datetime.date(2026, 5, 1)
    assert installation_date_problem(today, today) is None
    assert installation_date_problem(datetime.date(2025, 1, 1), today) is None
    assert installation_date_problem(datetime.date(2027, 6, 1), today)
    assert installation_date_problem(datetime.date(1999, 12, 31), today)


def test_the_local_day_is_the_day_in_paris():
    late_evening_utc = datetime.datetime(2026, 6, 30, 22, 30, tzinfo=datetime.UTC)
    assert local_date(late_evening_utc) == datetime.date(2026, 7, 1)
