"""The communes of the Gers (public INSEE reference data shipped in data/): their names and
positions, to name the villages and draw them on the map."""

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from shared.reference.communes import COMMUNES_CSV


@dataclass(frozen=True)
class Commune:
    insee_code: str
    name: str
    latitude: float
    longitude: float
    population: int


@functools.cache
def communes() -> dict[str, Commune]:
    with COMMUNES_CSV.open(encoding="utf-8", newline="") as rows:
        return {r["insee_code"]: Commune(r["insee_code"], r["name"], float(r["latitude"]),
                                         float(r["longitude"]), int(r["population"]))
                for r in csv.DictReader(rows)}
