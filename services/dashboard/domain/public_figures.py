"""The few key figures the public site shows (`GET /key-figures`): picked from the same
figures as the staff's (`GET /api/kpis`), never counted another way. Aggregates only: no
name, no village's own count, nothing that points at a household."""

import datetime
from dataclasses import dataclass

from .dates import local_date
from .key_figures import Kpis


@dataclass(frozen=True)
class PublicFigure:
    key: str
    value: int


@dataclass(frozen=True)
class PublicFigures:
    figures: tuple[PublicFigure, ...]
    as_of: datetime.date  # Paris date the figures were read


def public_figures(k: Kpis) -> PublicFigures:
    """Solos installed, new inhabitants (whole households), villages welcoming solos and the
    countries the installed households came from (known ones only), as of today (Paris)."""
    countries = sum(1 for row in k.origin_countries if row.key != "unknown" and row.installed)
    return PublicFigures(
        figures=(PublicFigure("installed_solos", k.installed_solos),
                 PublicFigure("new_inhabitants", k.new_inhabitants),
                 PublicFigure("villages_with_solos", k.villages_with_solos),
                 PublicFigure("origin_countries", countries)),
        as_of=local_date(k.as_of))
