"""Numbers and times as a French or English reader writes them."""

import datetime

from shared.reference.calendar import PARIS

NBSP, NNBSP = "\u00a0", "\u202f"


def number(value: int | float, lang: str) -> str:
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.1f}"
    else:
        text = f"{int(value):,}"
    if lang == "en":
        return text
    return text.replace(",", NNBSP).replace(".", ",")


def percent(rate: float, lang: str) -> str:
    value = round(rate * 100, 1)
    shown = number(int(value) if value.is_integer() else value, lang)
    return f"{shown}{NBSP}%" if lang == "fr" else f"{shown}%"


def moment(when: datetime.datetime | None, lang: str) -> str:
    if when is None:
        return "—"
    local = when.astimezone(PARIS)
    return local.strftime("%d/%m/%Y %H:%M") if lang == "fr" else local.strftime("%Y-%m-%d %H:%M")


def clock(when: datetime.datetime, lang: str) -> str:
    """The time of day, with the date when it is not today (Paris)."""
    local = when.astimezone(PARIS)
    if local.date() == datetime.datetime.now(PARIS).date():
        return local.strftime("%H:%M:%S")
    return local.strftime("%d/%m %H:%M" if lang == "fr" else "%d %b %H:%M")


def plural(count: int, one: str, many: str) -> str:
    return one if count in (0, 1) else many
