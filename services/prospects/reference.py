"""Public reference data this service ships its own copy of (no service reads another's
tables): the communes of the Gers (INSEE) and the countries of ISO 3166-1."""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .domain.normalisation import folded

from shared.reference.communes import COMMUNES_CSV
from shared.reference.countries import COUNTRIES_CSV


@dataclass(frozen=True)
class Commune:
    insee_code: str
    name: str


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name_en: str
    name_fr: str

    def name(self, locale: str) -> str:
        return self.name_fr if locale == "fr" else self.name_en


@cache
def communes() -> dict[str, Commune]:
    """Every commune of the Gers by INSEE code, in alphabetical order of name."""
    with COMMUNES_CSV.open(newline="", encoding="utf-8") as f:
        rows = [Commune(r["insee_code"], r["name"]) for r in csv.DictReader(f)]
    return {c.insee_code: c for c in sorted(rows, key=lambda c: folded(c.name))}


_ARTICLES = ("l ", "le ", "la ", "les ")


def _without_article(name: str) -> str:
    for article in _ARTICLES:
        if name.startswith(article):
            return name[len(article):]
    return name


@cache
def _communes_by_folded_name() -> dict[str, Commune]:
    by_name = {_without_article(folded(c.name)): c for c in communes().values()}
    return by_name | {folded(c.name): c for c in communes().values()}


def commune_named(name: str) -> Commune | None:
    """The commune a person typed, forgiving case, accents, hyphens, apostrophes and the
    article the records leave out (`L'Isle-Jourdain` is recorded as `Isle-Jourdain`)."""
    typed = folded(name)
    by_name = _communes_by_folded_name()
    return by_name.get(typed) or by_name.get(_without_article(typed))


@cache
def countries() -> dict[str, Country]:
    with COUNTRIES_CSV.open(newline="", encoding="utf-8") as f:
        return {r["alpha_2"]: Country(r["alpha_2"], r["name_en"], r["name_fr"])
                for r in csv.DictReader(f)}


def countries_by_name(locale: str) -> list[Country]:
    return sorted(countries().values(), key=lambda c: folded(c.name(locale)))
