"""Bookings as iCalendar events: right instants on both daylight-saving change days."""

from datetime import UTC, datetime

import pytest
from icalendar import Calendar

from services.bookings.domain.calendar_feed import CalendarEntry, calendar_of

STAMP = datetime(2026, 3, 1, tzinfo=UTC)


def entry(start: datetime, end: datetime, **extra) -> CalendarEntry:
    return CalendarEntry(booking_id="b-1", resource_kind="hot_desk", resource_name="Poste 1",
                         place_name="Télécentre de Condom (démo)",
                         place_address="38 rue Jean-Jaurès, 32100 Condom", starts_at=start,
                         ends_at=end, **extra)


@pytest.mark.parametrize("start, end, wall_start, wall_end", [
    # 08:30-13:00 in Paris on the Sunday clocks go forward (CEST, UTC+2) ...
    (datetime(2026, 3, 29, 6, 30, tzinfo=UTC), datetime(2026, 3, 29, 11, 0, tzinfo=UTC),
     "20260329T083000", "20260329T130000"),
    # ... and on the Sunday they go back (CET, UTC+1).
    (datetime(2026, 10, 25, 7, 30, tzinfo=UTC), datetime(2026, 10, 25, 12, 0, tzinfo=UTC),
     "20261025T083000", "20261025T130000"),
])
def test_events_are_written_in_paris_time_with_their_timezone(start, end, wall_start, wall_end):
    body = calendar_of([entry(start, end)], "Mes réservations", STAMP)
    text = body.decode()
    assert f"DTSTART;TZID=Europe/Paris:{wall_start}" in text
    assert f"DTEND;TZID=Europe/Paris:{wall_end}" in text
    parsed = Calendar.from_ical(body)
    [timezone] = parsed.walk("VTIMEZONE")
    assert timezone["TZID"] == "Europe/Paris"
    [event] = parsed.walk("VEVENT")
    assert event.decoded("DTSTART").astimezone(UTC) == start
    assert event.decoded("DTEND").astimezone(UTC) == end
    assert event["UID"] == "b-1@bookings.soho-solo"
    assert event["STATUS"] == "CONFIRMED"
    assert "Condom" in event["LOCATION"]


def test_a_cancelled_booking_says_so_and_an_empty_feed_is_still_a_calendar():
    start = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)
    [event] = Calendar.from_ical(calendar_of([entry(start, start.replace(hour=8),
                                                    cancelled=True)], "x", STAMP)).walk("VEVENT")
    assert event["STATUS"] == "CANCELLED"
    empty = Calendar.from_ical(calendar_of([], "x", STAMP))
    assert empty.walk("VEVENT") == [] and empty["VERSION"] == "2.0"
