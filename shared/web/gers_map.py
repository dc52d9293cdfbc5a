"""A map of the Gers for pages, drawn server-side as inline SVG from the communes' positions
(no tiles, no script): an equirectangular projection of latitude and longitude scaled to
fit, x east, y south; every commune a dot, Auch a landmark, and the places a page marks.

    drawn = gers_map(["32013", "32233"])    # markers in this order (numbered 1, 2 by the page)
    drawn.width, drawn.height, drawn.communes_path, drawn.prefecture, drawn.markers

(The dashboard's map, services/dashboard/web/gers_map.py, marks villages by their solos on
the same base: `base_map()`.)"""

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from shared.reference.communes import Commune, communes

WIDTH = 400.0
PADDING = 14.0
# A commune whose nearest neighbour is farther than this (in degrees, about 11 km) has a
# misplaced position in the reference data: it is left out of the frame.
LONELY_DEGREES = 0.1
PREFECTURE = "32013"  # Auch


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

    def inside(self, point: tuple[float, float]) -> tuple[float, float]:
        """A place at a misplaced position is drawn at the edge of the map, not outside."""
        x, y = point
        return (min(max(x, PADDING), WIDTH - PADDING),
                min(max(y, PADDING), self.height - PADDING))


def fit(places: Sequence[Commune], width: float = WIDTH) -> Projection:
    """A projection that puts every place inside `width` (and the height it needs)."""
    lats = [p.latitude for p in places]
    lons = [p.longitude for p in places]
    squash = math.cos(math.radians((min(lats) + max(lats)) / 2))  # a degree east is shorter
    scale = (width - 2 * PADDING) / ((max(lons) - min(lons)) * squash)
    height = (max(lats) - min(lats)) * scale + 2 * PADDING
    return Projection(min(lons), max(lats), scale * squash, scale, round(height, 1))


def well_placed(places: Sequence[Commune]) -> list[Commune]:
    """The places that have a neighbour within LONELY_DEGREES (misplaced ones have none)."""
    def has_neighbour(p: Commune) -> bool:
        return any(q is not p and abs(q.latitude - p.latitude) < LONELY_DEGREES
                   and abs(q.longitude - p.longitude) < LONELY_DEGREES for q in places)

    return [p for p in places if has_neighbour(p)]


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    insee_code: str
    name: str


@dataclass(frozen=True)
class GersMap:
    width: float
    height: float
    communes_path: str  # every commune as a dot, one path
    prefecture: tuple[float, float]
    markers: list[Marker]  # in the order asked


@functools.cache
def base_map() -> tuple[Projection, str, tuple[float, float]]:
    """The projection, every commune as a dot (one SVG path), and Auch's position."""
    places = well_placed(list(communes().values()))
    projection = fit(places)
    dots = "".join("M{}h0".format(" ".join(map(str, projection.point(p.latitude, p.longitude))))
                   for p in places)
    auch = communes()[PREFECTURE]
    return projection, dots, projection.point(auch.latitude, auch.longitude)


def gers_map(insee_codes: Sequence[str]) -> GersMap:
    """The map with a marker on each of these communes (unknown codes are left out)."""
    projection, dots, prefecture = base_map()
    known = communes()
    markers = []
    for code in insee_codes:
        if code in known:
            commune = known[code]
            x, y = projection.inside(projection.point(commune.latitude, commune.longitude))
            markers.append(Marker(x, y, code, commune.name))
    return GersMap(WIDTH, projection.height, dots, prefecture, markers)
