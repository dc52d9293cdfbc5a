"""Dates and times as people read them, in French or English, in Paris time."""

import datetime

from shared.reference.calendar import PARIS

DAYS = {
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}


def _lang(locale: str) -> str:
    return "en" if locale == "en" else "fr"


def format_date(day: datetime.date, locale: str) -> str:
    """`mardi 3 juin 2025` / `Tuesday 3 June 2025`."""
    lang = _lang(locale)
    first = "1er" if lang == "fr" and day.day == 1 else str(day.day)
    return f"{DAYS[lang][day.weekday()]} {first} {MONTHS[lang][day.month - 1]} {day.year}"


def format_time(moment: datetime.datetime, locale: str) -> str:
    """`9 h 30` / `9:30`, in Paris time."""
    local = moment.astimezone(PARIS)
    if _lang(locale) == "fr":
        return f"{local.hour} h {local.minute:02d}"
    return f"{local.hour}:{local.minute:02d}"


def format_period(starts_at: datetime.datetime, ends_at: datetime.datetime, locale: str) -> str:
    """A booking's span in Paris time: one day, or from one day to another."""
    start, end = starts_at.astimezone(PARIS), ends_at.astimezone(PARIS)
    lang = _lang(locale)
    if start.date() == end.date():
        day = format_date(start.date(), lang)
        if lang == "fr":
            return f"{day}, de {format_time(start, lang)} à {format_time(end, lang)}"
        return f"{day}, {format_time(start, lang)} to {format_time(end, lang)} (Paris time)"
    if lang == "fr":
        return (f"du {format_date(start.date(), lang)}, {format_time(start, lang)}, "
                f"au {format_date(end.date(), lang)}, {format_time(end, lang)}")
    return (f"from {format_date(start.date(), lang)}, {format_time(start, lang)}, "
            f"to {format_date(end.date(), lang)}, {format_time(end, lang)} (Paris time)")
