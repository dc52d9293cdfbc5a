"""Days and weeks as a French or English reader writes them (Babel's CLDR data): "lundi",
"7–13 déc. 2026", "lun. 7"."""

from datetime import date, timedelta

from babel import dates

from shared.web.formats import LOCALES


def _locale(lang: str) -> str:
    return LOCALES.get(lang, "fr_FR")


def weekday_name(weekday: int, lang: str) -> str:
    """0 = Monday: "lundi", "Monday"."""
    return dates.get_day_names("wide", locale=_locale(lang))[weekday]


def week_range(monday: date, lang: str) -> str:
    """"7–13 déc. 2026", "28 Dec 2026 – 3 Jan 2027"."""
    return dates.format_interval(monday, monday + timedelta(days=6), "yMMMd",
                                 locale=_locale(lang))


def short_day(day: date, lang: str) -> str:
    """"lun. 7", "Mon 7"."""
    return dates.format_date(day, "EEE d", locale=_locale(lang))
