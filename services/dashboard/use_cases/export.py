"""The key figures as a programme publishes them: one row per figure, its French and
English labels, its value, its unit and the date the figures are as of."""

import csv
import io

from ..domain.key_figures import Kpis
from ..domain.labels import FIGURES, SECTORS, country, word

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = ("figure", "label_fr", "label_en", "value", "unit", "as_of")


def _percent(rate: float) -> str:
    return f"{rate * 100:.1f}"


def figure_rows(k: Kpis) -> list[tuple[str, str, str, str, str]]:
    """(figure, label_fr, label_en, value, unit), headline figures first, then breakdowns."""
    r = k.retention_12_months
    values = {
        "contacts": (k.contacts, ""), "prospects": (k.prospects, ""),
        "qualified": (k.qualified, ""), "conversion_rate": (_percent(k.conversion_rate), "%"),
        "installed_solos": (k.installed_solos, ""), "new_inhabitants": (k.new_inhabitants, ""),
        "villages_with_solos": (k.villages_with_solos, ""), "members": (k.members, ""),
        "members_booking": (k.members_booking, ""), "bookings": (k.bookings, ""),
        "bookings_made": (k.bookings_made, ""), "bookings_cancelled": (k.bookings_cancelled, ""),
        "desk_hours": (f"{k.desk_hours:.1f}", "h"), "telecentres_used": (k.telecentres_used, ""),
        "qualified_to_installed": (_percent(k.funnel.qualified_to_installed), "%"),
        "contacted_to_installed": (_percent(k.funnel.contacted_to_installed), "%"),
        "retention_due": (r.due, ""), "retention_active": (r.active_after_12_months, ""),
        "retention_rate": (_percent(r.active_rate), "%"),
        "retention_followed_up": (r.followed_up, ""),
        "retention_still_here": (r.still_here if r.still_here is not None else "", ""),
        "retention_still_here_rate": (
            _percent(r.still_here_rate) if r.still_here_rate is not None else "", "%"),
        "erased_people": (k.erased_people, ""),
    }
    rows = [(name, *FIGURES[name], str(value), unit) for name, (value, unit) in values.items()]
    for y in k.installations_by_year:
        rows.append((f"installed_solos.{y.year}", f"Solos installés en {y.year}",
                     f"Solos installed in {y.year}", str(y.installed_solos), ""))
        rows.append((f"new_inhabitants.{y.year}", f"Nouveaux habitants en {y.year}",
                     f"New inhabitants in {y.year}", str(y.new_inhabitants), ""))
    for code, n in k.by_origin_country.items():
        rows.append((f"prospects.origin_country.{code}",
                     f"Personnes en contact, origine : {country(code, 'fr')}",
                     f"People in touch, origin: {country(code, 'en')}", str(n), ""))
    for sector, n in k.by_sector.items():
        rows.append((f"prospects.sector.{sector}",
                     f"Personnes en contact, secteur : {word(SECTORS, sector, 'fr')}",
                     f"People in touch, sector: {word(SECTORS, sector, 'en')}", str(n), ""))
    return rows


def _cell(text: str) -> str:
    """A text cell a spreadsheet will not run as a formula (sectors come from events)."""
    return "'" + text if text[:1] in FORMULA_STARTS else text


def kpis_csv(k: Kpis, as_of: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for figure, label_fr, label_en, value, unit in figure_rows(k):
        writer.writerow((_cell(figure), _cell(label_fr), _cell(label_en), value, unit, as_of))
    return "\ufeff" + out.getvalue()  # a BOM, so spreadsheets read the accents right
