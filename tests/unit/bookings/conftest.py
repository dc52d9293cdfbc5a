"""Shared values for the bookings rules: a place open every day, a fixed policy."""

from datetime import time

import pytest

from services.bookings.domain.rules import BookingPolicy
from services.bookings.domain.schedule import OpeningHours, PlaceSchedule


@pytest.fixture
def every_day() -> PlaceSchedule:
    """Open 08:30-18:30 every day of the week, Sundays (and DST Sundays) included."""
    return PlaceSchedule(hours=tuple(OpeningHours(d, time(8, 30), time(18, 30))
                                     for d in range(7)))


@pytest.fixture
def weekdays() -> PlaceSchedule:
    return PlaceSchedule(hours=tuple(OpeningHours(d, time(8, 30), time(18, 30))
                                     for d in range(5)))


@pytest.fixture
def policy() -> BookingPolicy:
    return BookingPolicy(max_days_ahead=60, max_room_hours=4, weekly_quota_hours=32)
