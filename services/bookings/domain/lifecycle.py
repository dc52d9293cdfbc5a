"""A booking's life after it is made: check-in, cancellation, release as a no-show."""

from datetime import datetime, timedelta
from enum import StrEnum

from .rules import Rule, Violation


class Status(StrEnum):
    BOOKED = "booked"
    CHECKED_IN = "checked_in"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


# Statuses that hold the slot; the database's exclusion constraint covers exactly these.
ACTIVE = frozenset({Status.BOOKED, Status.CHECKED_IN})


class ReleaseReason(StrEnum):
    MEMBER = "member"
    STAFF = "staff"
    NO_SHOW = "no_show"
    ERASURE = "erasure"


class CancelOutcome(StrEnum):
    CANCEL = "cancel"
    ALREADY_CANCELLED = "already_cancelled"  # a retried DELETE: nothing more to do
    NOT_CANCELLABLE = "not_cancellable"


def cancel_outcome(status: Status, ends_at: datetime, now: datetime) -> CancelOutcome:
    if status is Status.CANCELLED:
        return CancelOutcome.ALREADY_CANCELLED
    if status in ACTIVE and ends_at > now:
        return CancelOutcome.CANCEL
    return CancelOutcome.NOT_CANCELLABLE  # released as a no-show, or already over


def check_in_violation(starts_at: datetime, ends_at: datetime, now: datetime,
                       early: timedelta) -> Violation | None:
    """Check-in is open from `early` before the start until the end of the booking."""
    if starts_at - early <= now < ends_at:
        return None
    minutes = int(early.total_seconds() // 60)
    return Violation(Rule.CHECK_IN_WINDOW, "booking_id",
                     f"check-in opens {minutes} minutes before the start and closes at the end",
                     f"l'arrivée s'enregistre de {minutes} minutes avant le début "
                     "jusqu'à la fin de la réservation")


def no_show_deadline(starts_at: datetime, ends_at: datetime, grace: timedelta) -> datetime:
    """When a booking not checked in is released: `grace` after its start, or its end."""
    return min(starts_at + grace, ends_at)


def is_no_show(status: Status, starts_at: datetime, ends_at: datetime, now: datetime,
               grace: timedelta) -> bool:
    return status is Status.BOOKED and now >= no_show_deadline(starts_at, ends_at, grace)
