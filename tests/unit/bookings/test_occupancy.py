"""A place's week of occupancy (ISO weeks, per desk and day, closed days apart), and the
times and dates staff type in the telecentre page's forms."""

from datetime import date, datetime, time

from services.bookings.domain.occupancy import (desks_to_count, iso_week, monday_of,
                                                parse_iso_week, periods_by_desk, week_grid)
from services.bookings.domain.schedule import OpeningHours, PlaceSchedule
from services.bookings.web.typed_values import clock_text, parse_clock, parse_day
from shared.reference.calendar import PARIS

MONDAY = date(2026, 3, 23)  # the week before clocks go forward (Sunday 29 March)


def paris(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS)


def test_iso_weeks_read_and_written():
    assert parse_iso_week("2026-W13") == MONDAY and iso_week(MONDAY) == "2026-W13"
    assert parse_iso_week(" 2026-W01 ") == date(2025, 12, 29)  # ISO week 1 starts in 2025
    assert iso_week(date(2027, 1, 3)) == "2026-W53"
    for bad in ("2025-W53", "2026-W00", "2026-13", "W13", "1999-W10", "2101-W01", ""):
        assert parse_iso_week(bad) is None, bad
    assert monday_of(date(2026, 3, 29)) == MONDAY


def test_a_week_per_desk_per_day_with_closed_days_apart():
    week = tuple(OpeningHours(d, time(8), time(18)) for d in range(5))  # 10 h a weekday
    schedule = PlaceSchedule(week, {date(2026, 3, 25): "Inventaire"})
    desks = [{"id": "a", "active": True}, {"id": "b", "active": True}]
    booked = periods_by_desk([
        {"resource_id": "a", "starts_at": paris(MONDAY, 8), "ends_at": paris(MONDAY, 13)},
        {"resource_id": "a", "starts_at": paris(MONDAY, 13), "ends_at": paris(MONDAY, 18)},
        {"resource_id": "b", "starts_at": paris(MONDAY, 7), "ends_at": paris(MONDAY, 10)},
    ])
    grid = week_grid(MONDAY, schedule, desks, booked)
    assert [d.closed_reason for d in grid.days][2] == "Inventaire"
    (_, a_days, a_week), (_, b_days, b_week) = grid.desks
    assert a_days == [1.0, 0.0, None, 0.0, 0.0, None, None]  # Wednesday closed, weekend too
    assert b_days[0] == 0.2  # 08:00-10:00 of 10 h: before opening does not count
    assert a_week == 0.25 and b_week == 0.05  # 10 h and 2 h of 40 open hours
    assert grid.day_shares[0] == 0.6 and grid.day_shares[2] is None
    assert grid.week_share == 0.15  # 12 h of 2 desks x 40 h


def test_a_week_with_no_opening_or_no_desk_has_no_share():
    closed = week_grid(MONDAY, PlaceSchedule(()), [{"id": "a", "active": True}], {})
    assert closed.week_share is None and closed.day_shares == [None] * 7
    empty = week_grid(MONDAY, PlaceSchedule((OpeningHours(0, time(8), time(9)),)), [], {})
    assert empty.week_share is None and empty.desks == []


def test_a_deactivated_desk_counts_only_while_it_holds_bookings():
    desks = [{"id": "a", "active": True}, {"id": "b", "active": False},
             {"id": "c", "active": False}]
    assert [d["id"] for d in desks_to_count(desks, {"c": [(1, 2)]})] == ["a", "c"]


def test_times_and_dates_as_staff_type_them():
    for typed in ("8:30", "08:30", "8h30", "8 h 30", "08:30:00"):
        assert parse_clock(typed) == time(8, 30), typed
    assert parse_clock("18h") == time(18) and clock_text(time(9, 5)) == "09:05"
    for bad in ("25:00", "8:75", "midi", "", "8.30"):
        assert parse_clock(bad) is None, bad
    assert parse_day("24/12/2026") == parse_day("2026-12-24") == date(2026, 12, 24)
    for bad in ("31/02/2026", "2026-13-01", "24-12-2026", "1999-12-31", "demain"):
        assert parse_day(bad) is None, bad
