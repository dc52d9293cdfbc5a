"""The life of an installation case: open, then installed or abandoned, never both."""

import datetime
from enum import StrEnum

from shared.reference.calendar import PARIS

# A move may be recorded ahead of time, within a year; the earliest plausible date.
MAX_DAYS_AHEAD = 366
EARLIEST_INSTALLATION = datetime.date(2000, 1, 1)


class CaseStatus(StrEnum):
    OPEN = "open"
    INSTALLED = "installed"
    ABANDONED = "abandoned"


class CaseConflict(Exception):
    """The case is not in a state that allows this (an HTTP 409)."""


def local_date(moment: datetime.datetime) -> datetime.date:
    """The calendar day of an instant in the Gers."""
    return moment.astimezone(PARIS).date()


def check_can_install(status: CaseStatus) -> None:
    if status is CaseStatus.INSTALLED:
        raise CaseConflict("this case is already installed")
    if status is CaseStatus.ABANDONED:
        raise CaseConflict("this case was abandoned")


def check_can_abandon(status: CaseStatus) -> None:
    if status is not CaseStatus.OPEN:
        raise CaseConflict(f"only an open case can be abandoned; this one is {status}")


def check_steps_editable(status: CaseStatus) -> None:
    """Steps move while the case is open, and after installation (the network, the
    welcome meeting may come later); an abandoned case is frozen."""
    if status is CaseStatus.ABANDONED:
        raise CaseConflict("this case was abandoned; its checklist is closed")


def installation_date_problem(installed_on: datetime.date, today: datetime.date) -> str | None:
    """Why this installation date is not plausible, or None."""
    if installed_on < EARLIEST_INSTALLATION:
        return f"must be on or after {EARLIEST_INSTALLATION.isoformat()}"
    if installed_on > today + datetime.timedelta(days=MAX_DAYS_AHEAD):
        return f"must be at most {MAX_DAYS_AHEAD} days ahead"
    return None
