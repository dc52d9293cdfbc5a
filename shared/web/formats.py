"""Dates, times, numbers and plurals in the reader's language, through Babel (CLDR data):
"6 décembre 2026" / "6 December 2026", "1 234,5" / "1,234.5". Pages use them as Jinja
filters: {{ when|date }}, {{ when|datetime }}, {{ n|number }}, {{ share|percent }}."""

import datetime
from zoneinfo import ZoneInfo

from babel import dates, numbers

PARIS = ZoneInfo("Europe/Paris")  # the programme's clock, whatever the server's
LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def _locale(lang: str) -> str:
    return LOCALES.get(lang, "fr_FR")


def format_date(value: datetime.date | datetime.datetime | None, lang: str,
                form: str = "long") -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.astimezone(PARIS).date() if value.tzinfo else value.date()
    return dates.format_date(value, format=form, locale=_locale(lang))


def format_datetime(value: datetime.datetime | None, lang: str, form: str = "medium") -> str:
    """In Paris time: the programme's staff and its people read the Gers' clock."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return dates.format_datetime(value, format=form, tzinfo=PARIS, locale=_locale(lang))


def format_time(value: datetime.datetime | datetime.time | None, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        value = value.astimezone(PARIS)
    return dates.format_time(value, format="short", locale=_locale(lang))


def format_number(value: int | float | None, lang: str) -> str:
    return "" if value is None else numbers.format_decimal(value, locale=_locale(lang))


def format_percent(value: float | None, lang: str) -> str:
    """`value` a share (0.42 → "42 %" / "42%")."""
    return "" if value is None else numbers.format_percent(value, locale=_locale(lang))


def plural(count: int, one: str, other: str) -> str:
    """The form for `count` (French and English both say "1 X", "2 Xs"; French also
    says "0 X"): `plural(n, "{n} foyer", "{n} foyers")`."""
    return (one if count == 1 else other).format(n=count)


def filters_for(lang_of) -> dict:
    """Jinja filters that read the page's language from the template context."""
    from jinja2 import pass_context

    def bind(fn):
        @pass_context
        def apply(context, value, *args):
            return fn(value, lang_of(context), *args)
        return apply

    return {"date": bind(format_date), "datetime": bind(format_datetime),
            "time": bind(format_time), "number": bind(format_number),
            "percent": bind(format_percent)}
