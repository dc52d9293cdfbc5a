"""A repeat booking's weeks keep the Paris wall-clock slot across a change of clocks; the
week view's full slots are those where every resource of a kind is taken."""

from datetime import date, datetime, time

from services.bookings.domain.modes import BookingMode, day_slots
from services.bookings.use_cases.repeat_booking import weekly
from services.bookings.web.member_repeat import full_slots
from shared.reference.calendar import PARIS


def paris(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS)


def test_weekly_keeps_the_morning_across_the_spring_change_of_clocks():
    weeks = weekly(paris(date(2027, 3, 16), 8), paris(date(2027, 3, 16), 13), 3)
    assert [(s.astimezone(PARIS).hour, e.astimezone(PARIS).hour) for s, e in weeks] == [(8, 13)] * 3
    assert [s.date() for s, _ in weeks] == [date(2027, 3, 16), date(2027, 3, 23),
                                           date(2027, 3, 30)]
    assert weeks[2][0].utcoffset().total_seconds() == 7200  # summer time by then


def test_full_slots_are_those_no_resource_of_the_kind_has_free():
    day = date(2027, 2, 3)
    opening = (paris(day, 8), paris(day, 18))
    morning, afternoon = day_slots(BookingMode.HALF_DAY, *opening)
    desk_one = {"id": 1, "kind": "hot_desk", "booking_mode": "half_day"}
    desk_two = {"id": 2, "kind": "hot_desk", "booking_mode": "half_day"}
    room = {"id": 3, "kind": "meeting_room", "booking_mode": "hour"}
    hours = day_slots(BookingMode.HOUR, *opening)
    shown = {"opening": opening, "closed_reason": None,
             "desks": [(desk_one, [afternoon]), (desk_two, []), (room, hours[1:])]}
    assert full_slots(shown, paris(day, 7)) == [("hot_desk", *morning),
                                                ("meeting_room", *hours[0])]
    # Slots already begun are not offered; a closed day offers nothing.
    assert full_slots(shown, paris(day, 9)) == []
    assert full_slots({**shown, "closed_reason": "Travaux"}, paris(day, 7)) == []
