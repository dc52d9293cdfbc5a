"""Free slots per resource and day, and occupancy shares."""

from datetime import UTC, date, datetime, time

from services.bookings.domain.availability import choices, free_at, free_slots, occupied_share
from services.bookings.domain.modes import BookingMode, day_slots
from services.bookings.domain.schedule import OpeningHours, PlaceSchedule
from shared.reference.calendar import PARIS

MONDAY = date(2026, 3, 30)


def paris(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS)


def test_half_day_and_day_slots(every_day):
    opening = every_day.opening_on(MONDAY)
    assert day_slots(BookingMode.HALF_DAY, *opening) == [
        (paris(MONDAY, 8, 30), paris(MONDAY, 13)), (paris(MONDAY, 13), paris(MONDAY, 18, 30))]
    assert day_slots(BookingMode.DAY, *opening) == [opening]


def test_hour_slots_start_on_whole_clock_hours(every_day):
    slots = day_slots(BookingMode.HOUR, *every_day.opening_on(MONDAY))
    assert slots[0] == (paris(MONDAY, 9), paris(MONDAY, 10))
    assert slots[-1] == (paris(MONDAY, 17), paris(MONDAY, 18))
    assert len(slots) == 9


def test_a_room_open_round_the_clock_on_dst_days_has_23_or_25_hour_slots():
    night_and_day = PlaceSchedule(hours=(OpeningHours(6, time(0), time(23, 59)),))
    spring = day_slots(BookingMode.HOUR, *night_and_day.opening_on(date(2026, 3, 29)))
    assert len(spring) == 22  # 02:00 does not exist; 23:00-24:00 goes past 23:59
    autumn = day_slots(BookingMode.HOUR, *night_and_day.opening_on(date(2026, 10, 25)))
    assert len({start.astimezone(UTC) for start, _ in autumn}) == 23


def test_taken_and_past_slots_are_not_free(every_day):
    now = paris(MONDAY, 10, 15)
    taken = [(paris(MONDAY, 14), paris(MONDAY, 16))]
    free = free_slots(BookingMode.HOUR, MONDAY, every_day, taken, now)
    assert [s.hour for s, _ in free] == [11, 12, 13, 16, 17]
    assert free_slots(BookingMode.HALF_DAY, MONDAY, every_day, [], now) == [
        (paris(MONDAY, 13), paris(MONDAY, 18, 30))]


def test_no_slot_on_a_holiday(every_day):
    assert free_slots(BookingMode.DAY, date(2026, 4, 6), every_day, [],
                      paris(MONDAY, 0)) == []


def test_occupied_share(every_day):
    opening = every_day.opening_on(MONDAY)
    assert occupied_share([], opening) == 0
    assert occupied_share([(paris(MONDAY, 8, 30), paris(MONDAY, 13, 30))], opening) == 0.5
    assert occupied_share([opening], None) == 0


def test_a_half_day_desk_free_all_day_may_be_booked_for_the_day_too():
    morning = (datetime(2026, 12, 8, 8, 30, tzinfo=PARIS), datetime(2026, 12, 8, 13, tzinfo=PARIS))
    afternoon = (morning[1], datetime(2026, 12, 8, 18, 30, tzinfo=PARIS))
    assert choices(BookingMode.HALF_DAY, [morning, afternoon]) == [
        morning, afternoon, (morning[0], afternoon[1])]
    assert choices(BookingMode.HALF_DAY, [afternoon]) == [afternoon]
    assert choices(BookingMode.HOUR, [morning, afternoon]) == [morning, afternoon]


def test_the_desks_free_at_a_time_those_of_the_same_kind_first():
    slot = (datetime(2026, 12, 8, 8, 30, tzinfo=PARIS), datetime(2026, 12, 8, 13, tzinfo=PARIS))
    room = {"id": 1, "kind": "meeting_room"}
    desk = {"id": 2, "kind": "hot_desk"}
    busy = {"id": 3, "kind": "hot_desk"}
    found = free_at([(room, [slot]), (busy, []), (desk, [slot])], *slot, kind="hot_desk")
    assert found == [desk, room]
