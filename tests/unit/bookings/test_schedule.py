"""Opening hours in Europe/Paris, across daylight-saving changes."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from services.bookings.domain.schedule import (OpeningHours, PlaceSchedule, local_datetime,
                                               local_day_bounds, local_week_bounds)
from shared.reference.calendar import PARIS

SPRING_FORWARD, FALL_BACK = date(2026, 3, 29), date(2026, 10, 25)


def test_days_last_23_24_or_25_hours():
    def length(day):
        start, end = local_day_bounds(day)
        return end - start
    assert length(SPRING_FORWARD) == timedelta(hours=23)
    assert length(FALL_BACK) == timedelta(hours=25)
    assert length(date(2026, 3, 30)) == timedelta(hours=24)


def test_the_skipped_hour_does_not_exist_and_the_repeated_one_is_the_first():
    assert local_datetime(SPRING_FORWARD, time(2, 30)) is None
    first = local_datetime(FALL_BACK, time(2, 30))
    assert first.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_opening_at_0830_is_a_different_utc_instant_either_side_of_each_change(every_day):
    def opens_utc(day):
        return every_day.opening_on(day)[0].astimezone(UTC).time()
    assert opens_utc(date(2026, 3, 28)) == time(7, 30)
    assert opens_utc(SPRING_FORWARD) == time(6, 30)
    assert opens_utc(date(2026, 10, 24)) == time(6, 30)
    assert opens_utc(FALL_BACK) == time(7, 30)


def test_closed_weekdays_holidays_and_staff_closures(weekdays):
    assert weekdays.opening_on(date(2026, 6, 7)) is None  # a Sunday
    assert weekdays.closure_on(date(2026, 5, 14)) == "Ascension"
    assert weekdays.opening_on(date(2026, 5, 14)) is None
    closed = PlaceSchedule(weekdays.hours, {date(2026, 6, 3): "Travaux"})
    assert closed.closure_on(date(2026, 6, 3)) == "Travaux"
    assert closed.opening_on(date(2026, 6, 3)) is None
    assert closed.opening_on(date(2026, 6, 4))[0] == datetime(2026, 6, 4, 8, 30, tzinfo=PARIS)


def test_the_week_holding_a_dst_change_is_an_hour_short():
    start, end = local_week_bounds(SPRING_FORWARD)
    assert start == datetime(2026, 3, 23, tzinfo=PARIS)
    assert end - start == timedelta(days=7, hours=-1)


@pytest.mark.parametrize("opens, closes", [(time(9), time(9)), (time(18), time(9))])
def test_a_place_closes_after_it_opens(opens, closes):
    with pytest.raises(ValueError):
        OpeningHours(0, opens, closes)
