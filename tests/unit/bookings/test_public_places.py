"""The public pages' rules: the nearest places by great-circle distance, and a week of
opening hours said in runs of days."""

from datetime import time

from services.bookings.domain.public_places import (DaysRun, Position, distance_km, nearest,
                                                    opening_runs)

AUCH = Position(43.6471, 0.58375)
CONDOM = Position(43.9580, 0.3722)
TOULOUSE = Position(43.6045, 1.4440)


def test_distance_is_great_circle_and_symmetric():
    assert distance_km(AUCH, AUCH) == 0
    assert 38 < distance_km(AUCH, CONDOM) < 40
    assert distance_km(AUCH, TOULOUSE) == distance_km(TOULOUSE, AUCH)
    assert 68 < distance_km(AUCH, TOULOUSE) < 71


def test_nearest_first_limited_and_unplaced_left_out():
    places = [({"name": "Toulouse"}, TOULOUSE), ({"name": "Nowhere"}, None),
              ({"name": "Condom"}, CONDOM), ({"name": "Auch"}, AUCH),
              ({"name": "Auch bis"}, AUCH)]
    found = nearest(AUCH, places, limit=3)
    assert [p["name"] for p, _ in found] == ["Auch", "Auch bis", "Condom"]
    assert found[0][1] == 0.0 and found[2][1] == round(distance_km(AUCH, CONDOM), 1)
    assert nearest(AUCH, [({"name": "Nowhere"}, None)]) == []


def _day(weekday, opens, closes):
    return {"weekday": weekday, "opens": time(*opens), "closes": time(*closes)}


def test_opening_runs_group_consecutive_days_with_the_same_hours():
    week = [_day(d, (8, 30), (18, 30)) for d in range(5)] + [_day(5, (9, 0), (13, 0))]
    assert opening_runs(week) == [DaysRun(0, 4, time(8, 30), time(18, 30)),
                                  DaysRun(5, 5, time(9, 0), time(13, 0))]
    gap = [_day(0, (9, 0), (17, 0)), _day(2, (9, 0), (17, 0))]
    assert [(r.first, r.last) for r in opening_runs(gap)] == [(0, 0), (2, 2)]
    assert opening_runs([]) == []
