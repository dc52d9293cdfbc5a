"""Distances from positions (haversine)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.onboarding.domain import AUCH, TOULOUSE, Position, distances_from, haversine_km

latitudes = st.floats(-90, 90)
longitudes = st.floats(-180, 180)
positions = st.builds(Position, latitudes, longitudes)


def test_paris_to_london_is_the_known_great_circle_distance():
    paris, london = Position(48.8566, 2.3522), Position(51.5074, -0.1278)
    assert haversine_km(paris, london) == pytest.approx(343.5, abs=1.0)


def test_auch_is_about_seventy_kilometres_from_toulouse_and_none_from_itself():
    d = distances_from(AUCH)
    assert d.auch_km == 0
    assert 68 < d.toulouse_km < 71
    assert distances_from(TOULOUSE).toulouse_km == 0


def test_a_gers_village_gets_distances_to_a_tenth_of_a_kilometre():
    marciac = distances_from(Position(43.524, 0.16058))
    assert 35 < marciac.auch_km < 40 and 100 < marciac.toulouse_km < 110
    assert round(marciac.auch_km, 1) == marciac.auch_km
    assert marciac.nearest_city_km == marciac.auch_km


@given(positions, positions)
def test_distance_is_symmetric_and_bounded_by_half_the_circumference(a, b):
    assert haversine_km(a, b) == pytest.approx(haversine_km(b, a), abs=1e-6)
    assert 0 <= haversine_km(a, b) <= 20_016


@given(positions, positions, positions)
def test_distance_obeys_the_triangle_inequality(a, b, c):
    assert haversine_km(a, c) <= haversine_km(a, b) + haversine_km(b, c) + 1e-6
