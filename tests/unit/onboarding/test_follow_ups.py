"""Follow-ups at 1, 6 and 12 months, and the retention they report."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from services.onboarding.domain import FollowUpRecord, follow_up_schedule, retention
from shared.reference.calendar import add_months

D = datetime.date


def test_follow_ups_fall_one_six_and_twelve_months_after_installation():
    assert follow_up_schedule(D(2026, 5, 15)) == [(1, D(2026, 6, 15)), (6, D(2026, 11, 15)),
                                                  (12, D(2027, 5, 15))]


def test_a_month_later_than_the_31st_is_the_last_day_of_the_shorter_month():
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2028, 1, 31), 1) == D(2028, 2, 29)
    assert add_months(D(2026, 8, 31), 6) == D(2027, 2, 28)


@given(st.dates(D(2000, 1, 1), D(2100, 1, 1)), st.integers(0, 24))
def test_adding_months_moves_the_month_and_never_the_day_forward(day, months):
    later = add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    assert later.day <= day.day


def test_retention_counts_who_stays_among_the_recorded_answers():
    today = D(2026, 12, 1)
    records = [
        FollowUpRecord(1, D(2026, 6, 1), True, True),
        FollowUpRecord(1, D(2026, 7, 1), False, False),
        FollowUpRecord(1, D(2026, 11, 1), None, None),   # due, not recorded
        FollowUpRecord(6, D(2026, 11, 1), True, False),
        FollowUpRecord(6, D(2027, 1, 1), None, None),    # not due yet
        FollowUpRecord(12, D(2027, 5, 1), None, None),
    ]
    one, six, twelve = retention(records, today)
    assert (one.months, one.due, one.recorded, one.still_here, one.activity_going) == (
        1, 3, 2, 1, 1)
    assert one.retention_rate == 0.5
    assert (six.due, six.recorded, six.still_here, six.activity_going) == (1, 1, 1, 0)
    assert six.retention_rate == 1.0
    assert (twelve.due, twelve.recorded, twelve.retention_rate) == (0, 0, None)
