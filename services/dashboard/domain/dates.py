"""Dates as the programme reads them: local time is Europe/Paris."""

import datetime

from shared.reference.calendar import PARIS

# A booking longer than this is counted as this long (a bad event must not swamp the hours).
MAX_BOOKING_MINUTES = 31 * 24 * 60


def local_date(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(PARIS).date()


def iso_week(moment: datetime.datetime) -> str:
    """ISO 8601 week of the moment in Paris, e.g. "2026-W03"."""
    year, week, _ = local_date(moment).isocalendar()
    return f"{year}-W{week:02d}"


def week_start(week: str) -> datetime.date:
    """The Monday of an ISO week written "YYYY-Www"."""
    return datetime.date.fromisocalendar(int(week[:4]), int(week[6:]), 1)


def minutes_between(starts_at: datetime.datetime, ends_at: datetime.datetime) -> int:
    minutes = int((ends_at - starts_at).total_seconds() // 60)
    return min(max(minutes, 0), MAX_BOOKING_MINUTES)
