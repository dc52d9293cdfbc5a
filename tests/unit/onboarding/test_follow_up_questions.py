"""When a follow-up's questions are asked: the day it falls due, and for the asking window
after it (60 days), never before."""

from datetime import date, timedelta

from services.onboarding.domain.follow_ups import (ASKING_WINDOW, asking_period,
                                                   follow_up_schedule)


def asked_on(today: date, installed_on: date) -> list[int]:
    first, last = asking_period(today)
    return [months for months, due in follow_up_schedule(installed_on) if first <= due <= last]


def test_each_milestone_is_asked_from_its_due_date_within_the_window():
    installed_on = date(2026, 1, 31)
    assert asked_on(date(2026, 2, 27), installed_on) == []
    assert asked_on(date(2026, 2, 28), installed_on) == [1]  # 31 January + 1 month
    assert asked_on(date(2026, 2, 28) + ASKING_WINDOW - timedelta(days=1), installed_on) == [1]
    assert asked_on(date(2026, 2, 28) + ASKING_WINDOW, installed_on) == []
    assert asked_on(date(2026, 7, 31), installed_on) == [6]
    assert asked_on(date(2027, 1, 31), installed_on) == [12]


def test_the_window_never_holds_two_milestones():
    assert ASKING_WINDOW < timedelta(days=5 * 28)  # 1 and 6 months are 5 months apart


def test_the_period_ends_today():
    first, last = asking_period(date(2026, 12, 7))
    assert last == date(2026, 12, 7) and first == date(2026, 10, 9)
