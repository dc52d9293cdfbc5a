"""The pipeline's rules: stage moves, the qualification score, households, retention."""

from datetime import UTC, datetime, timedelta

import pytest

from services.prospects.domain.pipeline import (StageConflict, check_can_qualify,
                                                check_stage_change, household_size,
                                                qualification_score, retention_cutoff)
from services.prospects.domain.vocabulary import MoveHorizon, Stage, Viability


@pytest.mark.parametrize("current, target", [
    (Stage.NEW, Stage.CONTACTED), (Stage.NEW, Stage.LOST), (Stage.CONTACTED, Stage.LOST),
    (Stage.QUALIFIED, Stage.INSTALLING), (Stage.INSTALLING, Stage.INSTALLED),
    (Stage.INSTALLING, Stage.LOST),
])
def test_staff_may_move_a_prospect_forward_or_lose_it(current, target):
    check_stage_change(current, target, qualified=current is not Stage.NEW, reason="moved away")


@pytest.mark.parametrize("current, target", [
    (Stage.NEW, Stage.INSTALLING), (Stage.NEW, Stage.INSTALLED), (Stage.CONTACTED, Stage.NEW),
    (Stage.INSTALLED, Stage.LOST), (Stage.QUALIFIED, Stage.CONTACTED),
    (Stage.LOST, Stage.LOST), (Stage.INSTALLING, Stage.QUALIFIED),
])
def test_skipping_or_going_back_is_a_conflict(current, target):
    with pytest.raises(StageConflict):
        check_stage_change(current, target, qualified=True, reason="r")


def test_qualified_is_reached_only_through_a_qualification():
    with pytest.raises(StageConflict, match="qualify"):
        check_stage_change(Stage.CONTACTED, Stage.QUALIFIED, qualified=False, reason=None)


def test_a_lost_prospect_needs_a_reason():
    with pytest.raises(ValueError, match="reason"):
        check_stage_change(Stage.NEW, Stage.LOST, qualified=False, reason=None)


def test_a_lost_prospect_reopens_where_its_project_stood():
    check_stage_change(Stage.LOST, Stage.CONTACTED, qualified=False, reason=None)
    check_stage_change(Stage.LOST, Stage.QUALIFIED, qualified=True, reason=None)
    with pytest.raises(StageConflict):
        check_stage_change(Stage.LOST, Stage.QUALIFIED, qualified=False, reason=None)
    with pytest.raises(StageConflict):
        check_stage_change(Stage.LOST, Stage.CONTACTED, qualified=True, reason=None)


def test_qualifying_twice_or_too_late_is_a_conflict():
    check_can_qualify(Stage.NEW, already_qualified=False)
    check_can_qualify(Stage.CONTACTED, already_qualified=False)
    with pytest.raises(StageConflict, match="already"):
        check_can_qualify(Stage.CONTACTED, already_qualified=True)
    for stage in (Stage.LOST, Stage.INSTALLING, Stage.INSTALLED):
        with pytest.raises(StageConflict):
            check_can_qualify(stage, already_qualified=False)


def test_the_score_adds_up_its_reasons_and_explains_each():
    score = qualification_score(Viability.CONFIRMED, MoveHorizon.WITHIN_6_MONTHS, adults=2,
                                children=2, target_villages=["32013"])
    assert score.value == sum(r.points for r in score.reasons) == 100
    assert {r.factor for r in score.reasons} == {
        "remote_work_viability", "move_horizon", "target_villages", "children", "adults"}
    assert all(r.explanation for r in score.reasons)


def test_a_livelihood_that_travels_weighs_most():
    def score(viability, horizon):
        return qualification_score(viability, horizon, adults=1, children=0,
                                   target_villages=[]).value

    assert score(Viability.CONFIRMED, MoveHorizon.UNDECIDED) > score(
        Viability.TO_CONFIRM, MoveHorizon.WITHIN_6_MONTHS)
    assert score(Viability.LIKELY, MoveHorizon.WITHIN_A_YEAR) > score(
        Viability.LIKELY, MoveHorizon.LATER)
    lowest = qualification_score(Viability.TO_CONFIRM, MoveHorizon.UNDECIDED, adults=1,
                                 children=0, target_villages=[])
    assert 0 <= lowest.value < 30


def test_many_target_villages_count_less_than_a_few_chosen_ones():
    few = qualification_score(Viability.LIKELY, MoveHorizon.LATER, adults=1, children=0,
                              target_villages=["32013", "32107"])
    many = qualification_score(Viability.LIKELY, MoveHorizon.LATER, adults=1, children=0,
                               target_villages=[f"320{n:02d}" for n in range(10, 16)])
    assert few.value > many.value


def test_household_size_is_adults_plus_children_or_as_declared():
    assert household_size(2, 1, None) == 3
    assert household_size(2, None, None) == 2
    assert household_size(None, None, 4) == 4
    assert household_size(2, 1, 3) == 3
    assert household_size(None, None, None) is None
    with pytest.raises(ValueError, match="household_size"):
        household_size(2, 1, 5)


def test_retention_cutoff_is_measured_back_from_the_given_now():
    now = datetime(2030, 6, 1, tzinfo=UTC)
    assert retention_cutoff(now, timedelta(days=3 * 365)) == datetime(2027, 6, 2, tzinfo=UTC)
