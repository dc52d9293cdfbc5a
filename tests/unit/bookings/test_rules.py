"""The booking rules: modes, opening hours across DST, closures, horizon, quota."""

from datetime import date, datetime, timedelta, timezone

import pytest

from services.bookings.domain.modes import BookingMode
from services.bookings.domain.rules import Rule, check_quota, check_slot
from services.bookings.domain.schedule import PlaceSchedule
from shared.reference.calendar import PARIS

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=PARIS)
CET, CEST, UTC = timezone(timedelta(hours=1)), timezone(timedelta(hours=2)), timezone.utc
HALF, DAY, HOUR = BookingMode.HALF_DAY, BookingMode.DAY, BookingMode.HOUR


def at(day: date, hour: int, minute: int = 0, tz=PARIS) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


def broken(mode, start, end, schedule, policy, now=NOW):
    violation = check_slot(mode, start, end, schedule, policy, now)
    return violation.rule if violation else None


MONDAY = date(2026, 3, 23)
DST_SUNDAY, DST_MONDAY = date(2026, 3, 29), date(2026, 3, 30)


@pytest.mark.parametrize("mode, start, end", [
    (HALF, (8, 30), (13, 0)), (HALF, (13, 0), (18, 30)), (HALF, (8, 30), (18, 30)),
    (DAY, (8, 30), (18, 30)), (HOUR, (9, 0), (10, 0)), (HOUR, (14, 0), (18, 0)),
])
def test_aligned_bookings_pass(every_day, policy, mode, start, end):
    assert broken(mode, at(MONDAY, *start), at(MONDAY, *end), every_day, policy) is None


@pytest.mark.parametrize("mode, start, end", [
    (HALF, (9, 0), (13, 0)), (HALF, (8, 30), (12, 0)), (DAY, (8, 30), (13, 0)),
    (HOUR, (9, 30), (10, 30)), (HOUR, (9, 0), (9, 30)), (HOUR, (8, 30), (9, 30)),
])
def test_bookings_not_made_of_whole_slots_are_refused(every_day, policy, mode, start, end):
    assert broken(mode, at(MONDAY, *start), at(MONDAY, *end), every_day, policy) \
        is Rule.NOT_ALIGNED


def test_on_the_spring_forward_sunday_0830_paris_is_0630_utc(every_day, policy):
    now = datetime(2026, 3, 25, tzinfo=PARIS)
    morning = at(DST_SUNDAY, 6, 30, UTC), at(DST_SUNDAY, 11, 0, UTC)
    assert broken(HALF, *morning, every_day, policy, now) is None
    assert broken(HALF, at(DST_SUNDAY, 8, 30, CEST), at(DST_SUNDAY, 13, 0, CEST),
                  every_day, policy, now) is None
    # The same wall-clock hours read with the winter offset are an hour late.
    assert broken(HALF, at(DST_SUNDAY, 8, 30, CET), at(DST_SUNDAY, 13, 0, CET),
                  every_day, policy, now) is Rule.NOT_ALIGNED
    assert broken(DAY, at(DST_SUNDAY, 8, 30, CET), at(DST_SUNDAY, 18, 30, CET),
                  every_day, policy, now) is Rule.OUTSIDE_OPENING_HOURS


def test_on_the_fall_back_sunday_0830_paris_is_0730_utc(every_day, policy):
    now = datetime(2026, 10, 20, tzinfo=PARIS)
    day = date(2026, 10, 25)
    assert broken(DAY, at(day, 7, 30, UTC), at(day, 17, 30, UTC), every_day, policy, now) is None
    assert broken(DAY, at(day, 6, 30, UTC), at(day, 16, 30, UTC), every_day, policy, now) \
        is Rule.OUTSIDE_OPENING_HOURS
    assert broken(HOUR, at(day, 8, 0, UTC), at(day, 9, 0, UTC), every_day, policy, now) is None


def test_outside_opening_hours(weekdays, policy):
    assert broken(HOUR, at(MONDAY, 7), at(MONDAY, 8), weekdays, policy) \
        is Rule.OUTSIDE_OPENING_HOURS
    assert broken(HOUR, at(MONDAY, 18), at(MONDAY, 19), weekdays, policy) \
        is Rule.OUTSIDE_OPENING_HOURS
    sunday = date(2026, 3, 22)
    assert broken(HALF, at(sunday, 8, 30), at(sunday, 13), weekdays, policy) \
        is Rule.OUTSIDE_OPENING_HOURS


def test_public_holidays_and_staff_closures(weekdays, policy):
    now = datetime(2026, 4, 1, tzinfo=PARIS)
    easter_monday, ascension = date(2026, 4, 6), date(2026, 5, 14)
    for day in (easter_monday, ascension):
        assert broken(DAY, at(day, 8, 30), at(day, 18, 30), weekdays, policy, now) is Rule.CLOSURE
    works = PlaceSchedule(weekdays.hours, {date(2026, 4, 8): "Travaux"})
    violation = check_slot(DAY, at(date(2026, 4, 8), 8, 30), at(date(2026, 4, 8), 18, 30),
                           works, policy, now)
    assert violation.rule is Rule.CLOSURE and "Travaux" in violation.message_fr


def test_past_far_ahead_too_long_and_backwards(every_day, policy):
    assert broken(HOUR, at(date(2026, 3, 20), 9), at(date(2026, 3, 20), 10), every_day,
                  policy) is Rule.IN_THE_PAST
    far = NOW.date() + timedelta(days=61)
    assert broken(HOUR, at(far, 9), at(far, 10), every_day, policy) is Rule.TOO_FAR_AHEAD
    assert broken(HOUR, at(MONDAY, 9), at(MONDAY, 14), every_day, policy) is Rule.TOO_LONG
    assert broken(DAY, at(MONDAY, 8, 30), at(MONDAY + timedelta(days=1), 18, 30), every_day,
                  policy) is Rule.TOO_LONG
    assert broken(HOUR, at(MONDAY, 10), at(MONDAY, 9), every_day, policy) is Rule.INVALID_PERIOD


def test_the_weekly_quota_counts_hours(policy):
    start, end = at(MONDAY, 9), at(MONDAY, 13)
    assert check_quota(28, start, end, policy) is None
    violation = check_quota(29, start, end, policy)
    assert violation.rule is Rule.WEEKLY_QUOTA and "3 left" in violation.message
