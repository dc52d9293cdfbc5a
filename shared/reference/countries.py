"""The countries of ISO 3166-1 with their English and French names (data/countries.csv)."""

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

COUNTRIES_CSV = Path(__file__).parent / "data" / "countries.csv"


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name_en: str
    name_fr: str

    def name(self, locale: str) -> str:
        return self.name_fr if locale == "fr" else self.name_en


@functools.cache
def countries() -> dict[str, Country]:
    """Every country by its alpha-2 code."""
    with COUNTRIES_CSV.open(newline="", encoding="utf-8") as rows:
        return {r["alpha_2"]: Country(r["alpha_2"], r["name_en"], r["name_fr"])
                for r in csv.DictReader(rows)}
