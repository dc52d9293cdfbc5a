"""The weekly digest's boundary, and dates as French and English readers read them."""

import datetime
import uuid

from services.notifications.domain.dates import format_date, format_period
from services.notifications.domain.digest_schedule import digest_id, last_boundary

UTC = datetime.UTC


def test_the_boundary_is_the_last_monday_8_am_paris_time():
    # Wednesday 3 Sept 2025, 12:00 UTC -> Monday 1 Sept 08:00 Paris = 06:00 UTC
    now = datetime.datetime(2025, 9, 3, 12, 0, tzinfo=UTC)
    assert last_boundary(now, 0, 8) == datetime.datetime(2025, 9, 1, 6, 0, tzinfo=UTC)


def test_on_monday_before_8_the_boundary_is_a_week_earlier():
    now = datetime.datetime(2025, 9, 1, 5, 59, tzinfo=UTC)  # 07:59 Paris
    assert last_boundary(now, 0, 8) == datetime.datetime(2025, 8, 25, 6, 0, tzinfo=UTC)


def test_the_boundary_follows_paris_winter_time():
    now = datetime.datetime(2025, 12, 3, 12, 0, tzinfo=UTC)
    assert last_boundary(now, 0, 8) == datetime.datetime(2025, 12, 1, 7, 0, tzinfo=UTC)


def test_the_same_arrivals_make_the_same_digest_in_any_order():
    a, b = uuid.uuid4(), uuid.uuid4()
    end = datetime.datetime(2025, 9, 1, 6, 0, tzinfo=UTC)
    assert digest_id("32208", end, [a, b]) == digest_id("32208", end, [b, a])
    assert digest_id("32208", end, [a]) != digest_id("32208", end, [a, b])
    assert digest_id("32013", end, [a]) != digest_id("32208", end, [a])


def test_dates_read_naturally():
    assert format_date(datetime.date(2025, 9, 1), "fr") == "lundi 1er septembre 2025"
    assert format_date(datetime.date(2025, 9, 2), "en") == "Tuesday 2 September 2025"


def test_a_period_over_two_days():
    starts = datetime.datetime(2025, 9, 2, 7, 0, tzinfo=UTC)
    ends = datetime.datetime(2025, 9, 3, 16, 0, tzinfo=UTC)
    assert format_period(starts, ends, "fr") == (
        "du mardi 2 septembre 2025, 9 h 00, au mercredi 3 septembre 2025, 18 h 00")
