"""Dates as a French or English reader writes them (by hand: Babel is not among the
platform's dependencies)."""

import datetime

from ..domain import local_date

MONTHS = {"fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre"),
          "en": ("January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December")}


def long_date(day: datetime.date | datetime.datetime, lang: str) -> str:
    """"1er mars 2026", "14 mai 2026"; "1 March 2026". A moment is dated in Paris."""
    if isinstance(day, datetime.datetime):
        day = local_date(day)
    number = "1er" if lang == "fr" and day.day == 1 else str(day.day)
    return f"{number} {MONTHS[lang][day.month - 1]} {day.year}"
