"""The 458 communes of the Gers, from public records (data/gers_communes.csv)."""

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

COMMUNES_CSV = Path(__file__).parent / "data" / "gers_communes.csv"


@dataclass(frozen=True)
class Commune:
    insee_code: str
    name: str
    population: int
    postal_code: str
    town_hall_address: str
    town_hall_phone: str
    latitude: float
    longitude: float


@functools.cache
def communes() -> dict[str, Commune]:
    """Every commune by INSEE code, in the order of the records (by INSEE code)."""
    with COMMUNES_CSV.open(newline="", encoding="utf-8") as rows:
        return {r["insee_code"]: Commune(
                    insee_code=r["insee_code"], name=r["name"],
                    population=int(r["population"]), postal_code=r["postal_code"],
                    town_hall_address=r["town_hall_address"],
                    town_hall_phone=r["town_hall_phone"],
                    latitude=float(r["latitude"]), longitude=float(r["longitude"]))
                for r in csv.DictReader(rows)}
