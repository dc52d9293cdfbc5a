"""The programme's calendar: its local time, and the months at which staff follow up on an
installed household."""

import calendar
import datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")  # every local date and opening hour of the programme

FOLLOW_UP_MONTHS = (1, 6, 12)  # after an installation: does the household stay?


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
