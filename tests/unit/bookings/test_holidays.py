"""French public holidays, Easter-based ones included."""

from datetime import date

import pytest

from services.bookings.domain.holidays import easter_sunday, public_holiday, public_holidays


@pytest.mark.parametrize("year, easter", [
    (2000, date(2000, 4, 23)), (2019, date(2019, 4, 21)), (2024, date(2024, 3, 31)),
    (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)), (2027, date(2027, 3, 28)),
    (2038, date(2038, 4, 25)), (2285, date(2285, 3, 22)),  # the earliest possible Easter
])
def test_easter_sunday(year, easter):
    assert easter_sunday(year) == easter


def test_the_eleven_holidays_of_2026():
    holidays = public_holidays(2026)
    assert len(holidays) == 11
    assert holidays[date(2026, 4, 6)] == "Lundi de Pâques"
    assert holidays[date(2026, 5, 14)] == "Ascension"
    assert holidays[date(2026, 5, 25)] == "Lundi de Pentecôte"
    for fixed in [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]:
        assert date(2026, *fixed) in holidays


def test_an_ordinary_day_and_easter_sunday_itself_are_not_holidays():
    assert public_holiday(date(2026, 4, 7)) is None
    assert public_holiday(date(2026, 4, 5)) is None  # a Sunday, not a jour férié
    assert public_holiday(date(2025, 6, 9)) == "Lundi de Pentecôte"
