"""The installation checklist: its template and what may happen to a step."""

import datetime

import pytest

from services.onboarding.domain import (TEMPLATE, OwnerRole, StepConflict, StepState,
                                        StepStatus, check_complete, check_reopen, check_skip,
                                        is_overdue, plan_checklist, school_step_change)

OPENED = datetime.date(2026, 3, 2)
P, D, S = StepStatus.PENDING, StepStatus.DONE, StepStatus.SKIPPED


def states(plan, **statuses) -> dict[str, StepState]:
    return {s.key: StepState(s.key, statuses.get(s.key, P), s.prerequisites, s.due_on)
            for s in plan}


def test_the_template_names_the_steps_of_the_issue_in_order():
    assert [t.key for t in TEMPLATE] == [
        "discovery_visit", "village_chosen", "housing_found", "business_setup",
        "broadband_confirmed", "school_enrolment", "welcome_meeting", "joined_network"]
    assert all(t.title_fr and t.title_en for t in TEMPLATE)
    by_key = {t.key: t for t in TEMPLATE}
    assert by_key["welcome_meeting"].owner is OwnerRole.COMMITTEE
    assert by_key["housing_found"].owner is OwnerRole.HOUSEHOLD
    assert by_key["school_enrolment"].only_with_children


def test_prerequisites_come_earlier_in_the_template_so_a_case_can_always_finish():
    seen: set[str] = set()
    for t in TEMPLATE:
        assert set(t.prerequisites) <= seen, t.key
        seen.add(t.key)


def test_due_dates_count_from_the_opening_day():
    plan = {s.key: s for s in plan_checklist(OPENED, True)}
    assert plan["discovery_visit"].due_on == OPENED + datetime.timedelta(days=30)
    assert plan["joined_network"].due_on == OPENED + datetime.timedelta(days=150)
    assert [s.position for s in plan.values()] == list(range(len(plan)))


@pytest.mark.parametrize("children, has_school_step", [(True, True), (None, True),
                                                       (False, False)])
def test_school_enrolment_only_when_there_are_or_may_be_children(children, has_school_step):
    keys = [s.key for s in plan_checklist(OPENED, children)]
    assert ("school_enrolment" in keys) is has_school_step
    assert len(keys) == len(TEMPLATE) - (0 if has_school_step else 1)


def test_completing_a_step_before_its_prerequisites_is_refused_naming_them():
    steps = states(plan_checklist(OPENED, False))
    with pytest.raises(StepConflict, match="discovery_visit"):
        check_complete(steps, "village_chosen")
    check_complete(steps, "discovery_visit")  # no prerequisite


def test_a_skipped_prerequisite_counts_as_resolved():
    steps = states(plan_checklist(OPENED, False), discovery_visit=S)
    check_complete(steps, "village_chosen")


def test_a_resolved_step_cannot_be_completed_or_skipped_again():
    steps = states(plan_checklist(OPENED, False), discovery_visit=D, village_chosen=S)
    for check in (check_complete, check_skip):
        with pytest.raises(StepConflict, match="already"):
            check(steps, "discovery_visit")
        with pytest.raises(StepConflict, match="already"):
            check(steps, "village_chosen")


def test_skipping_needs_no_prerequisite():
    check_skip(states(plan_checklist(OPENED, False)), "housing_found")


def test_reopening_is_refused_while_a_step_that_needs_it_is_done():
    steps = states(plan_checklist(OPENED, False), discovery_visit=D, village_chosen=D)
    with pytest.raises(StepConflict, match="village_chosen"):
        check_reopen(steps, "discovery_visit")
    check_reopen(steps, "village_chosen")
    with pytest.raises(StepConflict, match="not resolved"):
        check_reopen(steps, "housing_found")


def test_a_skipped_dependent_does_not_block_reopening():
    steps = states(plan_checklist(OPENED, False), discovery_visit=D, village_chosen=S)
    check_reopen(steps, "discovery_visit")


def test_an_unknown_step_is_a_key_error():
    with pytest.raises(KeyError):
        check_complete(states(plan_checklist(OPENED, False)), "school_enrolment")


def test_overdue_means_pending_past_its_due_day():
    due = datetime.date(2026, 4, 1)
    pending, done = StepState("x", P, (), due), StepState("x", D, (), due)
    assert not is_overdue(pending, due)
    assert is_overdue(pending, due + datetime.timedelta(days=1))
    assert not is_overdue(done, due + datetime.timedelta(days=100))


@pytest.mark.parametrize("children, school, change", [
    (True, None, "add"), (None, None, "add"), (False, None, None),
    (False, P, "skip"), (False, D, None), (True, P, None), (False, S, None),
])
def test_learning_about_children_adds_or_skips_the_school_step(children, school, change):
    assert school_step_change(children, school) == change
