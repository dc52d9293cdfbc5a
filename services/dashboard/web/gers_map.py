"""The dashboard's map of the Gers: the shared base (shared/web/gers_map.py: every commune
a dot, Auch a landmark) with a circle on each village where solos moved in, sized by their
number, the busiest named."""

import math
from dataclasses import dataclass

from shared.web.gers_map import WIDTH, PREFECTURE, base_map, fit, well_placed

from ..domain.key_figures import VillageInstallations

__all__ = ["GersMap", "Marker", "fit", "gers_map", "marker_radius", "well_placed"]
NAMED_VILLAGES = 6


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


def marker_radius(solos: int) -> float:
    return round(min(4 + 3 * math.sqrt(solos), 18), 1)


def gers_map(villages: list[VillageInstallations]) -> GersMap:
    projection, dots, prefecture = base_map()
    placed = [v for v in villages if v.latitude is not None and v.longitude is not None]
    by_solos = sorted(placed, key=lambda v: -v.installed_solos)
    named = {v.insee_code for v in by_solos[:NAMED_VILLAGES]}
    markers = []
    for v in by_solos:
        x, y = projection.inside(projection.point(v.latitude, v.longitude))
        markers.append(Marker(x, y, marker_radius(v.installed_solos), v.name, v.installed_solos,
                              v.new_inhabitants, v.insee_code in named))
    return GersMap(WIDTH, projection.height, dots, prefecture,
                   any(v.insee_code == PREFECTURE for v in placed), markers)
