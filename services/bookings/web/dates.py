"""Dates and times as a French or English reader writes them, in Paris time. By hand:
Babel is not among the platform's dependencies."""

from datetime import datetime

from shared.reference.calendar import PARIS

DAYS = {"fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")}
MONTHS = {"fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre"),
          "en": ("January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December")}


def long_date(when: datetime, lang: str) -> str:
    """"mardi 14 mai 2024", "Tuesday 14 May 2024"."""
    local = when.astimezone(PARIS)
    day = "1er" if lang == "fr" and local.day == 1 else str(local.day)
    return (f"{DAYS[lang][local.weekday()]} {day} {MONTHS[lang][local.month - 1]} "
            f"{local.year}")


def clock(when: datetime, lang: str) -> str:
    """"9 h 30", "09:30"."""
    local = when.astimezone(PARIS)
    return f"{local.hour} h {local.minute:02d}" if lang == "fr" else f"{local:%H:%M}"


def short_clock(when: datetime, lang: str) -> str:
    """"9 h 30", "13 h", "09:30": as a slot's button shows it."""
    local = when.astimezone(PARIS)
    if lang == "fr" and local.minute == 0:
        return f"{local.hour} h"
    return clock(when, lang)


def hours(starts_at: datetime, ends_at: datetime, lang: str) -> str:
    """"de 9 h 00 à 13 h 00", "09:00 to 13:00"."""
    if lang == "fr":
        return f"de {clock(starts_at, lang)} à {clock(ends_at, lang)}"
    return f"{clock(starts_at, lang)} to {clock(ends_at, lang)}"
