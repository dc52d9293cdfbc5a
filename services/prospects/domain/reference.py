"""The communes of the Gers and the countries as people meet them on the form: in the
alphabetical order of their names, and a commune found by the name a person types. The
records themselves are the platform's (shared.reference)."""

from functools import cache

from shared.reference.communes import Commune, communes
from shared.reference.countries import Country, countries

from .normalisation import folded


@cache
def communes_alphabetically() -> tuple[Commune, ...]:
    """Every commune of the Gers, in alphabetical order of name."""
    return tuple(sorted(communes().values(), key=lambda c: folded(c.name)))


_ARTICLES = ("l ", "le ", "la ", "les ")


def _without_article(name: str) -> str:
    for article in _ARTICLES:
        if name.startswith(article):
            return name[len(article):]
    return name


@cache
def _communes_by_folded_name() -> dict[str, Commune]:
    by_name = {_without_article(folded(c.name)): c for c in communes_alphabetically()}
    return by_name | {folded(c.name): c for c in communes_alphabetically()}


def commune_named(name: str) -> Commune | None:
    """The commune a person typed, forgiving case, accents, hyphens, apostrophes and the
    article the records leave out (`L'Isle-Jourdain` is recorded as `Isle-Jourdain`)."""
    typed = folded(name)
    by_name = _communes_by_folded_name()
    return by_name.get(typed) or by_name.get(_without_article(typed))


def countries_by_name(locale: str) -> list[Country]:
    return sorted(countries().values(), key=lambda c: folded(c.name(locale)))
