"""Distances between communes, from their positions (great-circle, haversine)."""

import math
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)


@dataclass(frozen=True)
class Position:
    latitude: float
    longitude: float


# Auch: its town hall, as in the communes file (so Auch is 0 km from Auch).
AUCH = Position(43.6471, 0.58375)
# Toulouse: the Capitole, the usual reference for "distance to Toulouse".
TOULOUSE = Position(43.6045, 1.4440)


def haversine_km(a: Position, b: Position) -> float:
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    d_lat = lat2 - lat1
    d_lon = math.radians(b.longitude - a.longitude)
    h = math.sin(d_lat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(d_lon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class Distances:
    auch_km: float
    toulouse_km: float

    @property
    def nearest_city_km(self) -> float:
        return min(self.auch_km, self.toulouse_km)


def distances_from(position: Position) -> Distances:
    """Straight-line distances to Auch and Toulouse, to a tenth of a kilometre."""
    return Distances(round(haversine_km(position, AUCH), 1),
                     round(haversine_km(position, TOULOUSE), 1))
