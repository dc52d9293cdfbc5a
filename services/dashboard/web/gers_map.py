"""The map of the Gers, drawn from the communes' positions (no tiles, no script): an
equirectangular projection of latitude and longitude, scaled to fit, x east, y south."""

import functools
import math
from dataclasses import dataclass

from shared.reference.communes import Commune, communes

from ..domain.key_figures import VillageInstallations

WIDTH = 400.0
PADDING = 14.0
# A commune whose nearest neighbour is farther than this (in degrees, about 11 km) has a
# misplaced position in the reference data: it is left out of the frame (communes of the
# Gers are 2 to 6 km apart).
LONELY_DEGREES = 0.1
PREFECTURE = "32013"  # Auch, drawn as a landmark
NAMED_VILLAGES = 6


@dataclass(frozen=True)
class Projection:
    west: float
    north: float
    x_per_degree: float
    y_per_degree: float
    height: float

    def point(self, latitude: float, longitude: float) -> tuple[float, float]:
        return (round(PADDING + (longitude - self.west) * self.x_per_degree, 1),
                round(PADDING + (self.north - latitude) * self.y_per_degree, 1))


def fit(places: list[Commune], width: float = WIDTH) -> Projection:
    """A projection that puts every place inside `width` (and the height it needs)."""
    lats = [p.latitude for p in places]
    lons = [p.longitude for p in places]
    squash = math.cos(math.radians((min(lats) + max(lats)) / 2))  # a degree east is shorter
    scale = (width - 2 * PADDING) / ((max(lons) - min(lons)) * squash)
    height = (max(lats) - min(lats)) * scale + 2 * PADDING
    return Projection(min(lons), max(lats), scale * squash, scale, round(height, 1))


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    r: float
    name: str
    solos: int
    inhabitants: int
    labelled: bool


@dataclass(frozen=True)
class GersMap:
    width: float
    height: float
    communes_path: str  # every commune as a dot, one path
    prefecture: tuple[float, float]
    prefecture_has_solos: bool
    markers: list[Marker]


def well_placed(places: list[Commune]) -> list[Commune]:
    """The places that have a neighbour within LONELY_DEGREES (misplaced ones have none)."""
    def has_neighbour(p: Commune) -> bool:
        return any(q is not p and abs(q.latitude - p.latitude) < LONELY_DEGREES
                   and abs(q.longitude - p.longitude) < LONELY_DEGREES for q in places)

    return [p for p in places if has_neighbour(p)]


@functools.cache
def _base() -> tuple[Projection, str, tuple[float, float]]:
    places = well_placed(list(communes().values()))
    projection = fit(places)
    dots = "".join("M{}h0".format(" ".join(map(str, projection.point(p.latitude, p.longitude))))
                   for p in places)
    auch = communes()[PREFECTURE]
    return projection, dots, projection.point(auch.latitude, auch.longitude)


def _inside(projection: Projection, point: tuple[float, float]) -> tuple[float, float]:
    """A village at a misplaced position is drawn at the edge of the map, not outside it."""
    x, y = point
    return (min(max(x, PADDING), WIDTH - PADDING),
            min(max(y, PADDING), projection.height - PADDING))


def marker_radius(solos: int) -> float:
    return round(min(4 + 3 * math.sqrt(solos), 18), 1)


def gers_map(villages: list[VillageInstallations]) -> GersMap:
    projection, dots, prefecture = _base()
    placed = [v for v in villages if v.latitude is not None and v.longitude is not None]
    named = {v.insee_code for v in sorted(placed, key=lambda v: -v.installed_solos)[
        :NAMED_VILLAGES]}
    markers = []
    for v in sorted(placed, key=lambda v: -v.installed_solos):
        x, y = _inside(projection, projection.point(v.latitude, v.longitude))
        markers.append(Marker(x, y, marker_radius(v.installed_solos), v.name, v.installed_solos,
                              v.new_inhabitants, v.insee_code in named))
    return GersMap(WIDTH, projection.height, dots, prefecture,
                   any(v.insee_code == PREFECTURE for v in placed), markers)
