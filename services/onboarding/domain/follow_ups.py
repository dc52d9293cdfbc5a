"""Follow-ups after an installation (1, 6 and 12 months): does the household stay?"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from shared.reference.calendar import FOLLOW_UP_MONTHS, add_months


def follow_up_schedule(installed_on: datetime.date) -> list[tuple[int, datetime.date]]:
    return [(months, add_months(installed_on, months)) for months in FOLLOW_UP_MONTHS]


@dataclass(frozen=True)
class FollowUpRecord:
    months: int
    due_on: datetime.date
    still_here: bool | None  # None: not recorded yet
    activity_going: bool | None


@dataclass(frozen=True)
class Milestone:
    months: int
    due: int              # follow-ups whose date has come
    recorded: int
    still_here: int
    activity_going: int

    @property
    def retention_rate(self) -> float | None:
        """Share of the recorded households still here (None before any answer)."""
        return round(self.still_here / self.recorded, 3) if self.recorded else None


def retention(records: Iterable[FollowUpRecord], today: datetime.date) -> list[Milestone]:
    records = list(records)
    milestones = []
    for months in FOLLOW_UP_MONTHS:
        mine = [r for r in records if r.months == months]
        answered = [r for r in mine if r.still_here is not None]
        milestones.append(Milestone(
            months=months,
            due=sum(1 for r in mine if r.due_on <= today),
            recorded=len(answered),
            still_here=sum(1 for r in answered if r.still_here),
            activity_going=sum(1 for r in answered if r.activity_going),
        ))
    return milestones


# A member is asked a follow-up's questions when it falls due, and for this long after:
# a question overdue by more (the job was off, the platform started with older members) is
# not sent any more; staff still record its answer by hand.
ASKING_WINDOW = datetime.timedelta(days=60)


def asking_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The due dates (first, last, both included) whose questions are asked on `today`."""
    return today - ASKING_WINDOW + datetime.timedelta(days=1), today
