"""The rules a booking must meet; each broken rule is named, with a message in French and
English. The overlap rule is not here: the database enforces it (exclusion constraint)."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from shared.reference.calendar import PARIS

from .modes import HOUR, BookingMode, is_aligned
from .schedule import PlaceSchedule


class Rule(StrEnum):
    INVALID_PERIOD = "invalid_period"
    IN_THE_PAST = "in_the_past"
    TOO_FAR_AHEAD = "too_far_ahead"
    TOO_LONG = "too_long"
    CLOSURE = "closure"
    OUTSIDE_OPENING_HOURS = "outside_opening_hours"
    NOT_ALIGNED = "not_aligned"
    WEEKLY_QUOTA = "weekly_quota"
    CHECK_IN_WINDOW = "check_in_window"


@dataclass(frozen=True)
class Violation:
    rule: Rule
    field: str  # the request field at fault
    message: str  # English
    message_fr: str


@dataclass(frozen=True)
class BookingPolicy:
    max_days_ahead: int = 60
    max_room_hours: int = 4
    weekly_quota_hours: float = 32


def check_slot(mode: BookingMode, starts_at: datetime, ends_at: datetime,
               schedule: PlaceSchedule, policy: BookingPolicy, now: datetime) -> Violation | None:
    """The first rule [starts_at, ends_at) breaks for a resource booked in `mode`, or None."""
    if ends_at <= starts_at:
        return Violation(Rule.INVALID_PERIOD, "ends_at", "ends_at must be after starts_at",
                         "la fin doit être après le début")
    if starts_at < now:
        return Violation(Rule.IN_THE_PAST, "starts_at", "this slot has already started",
                         "ce créneau est déjà commencé ou passé")
    if starts_at > now + timedelta(days=policy.max_days_ahead):
        return Violation(Rule.TOO_FAR_AHEAD, "starts_at",
                         f"bookings open {policy.max_days_ahead} days ahead",
                         f"les réservations ouvrent {policy.max_days_ahead} jours à l'avance")
    local_start, local_end = starts_at.astimezone(PARIS), ends_at.astimezone(PARIS)
    day = local_start.date()
    longest = HOUR * policy.max_room_hours
    if (local_end - timedelta(microseconds=1)).date() != day or (
            mode is BookingMode.HOUR and ends_at - starts_at > longest):
        limit = f"{policy.max_room_hours} hours" if mode is BookingMode.HOUR else "one day"
        limit_fr = f"{policy.max_room_hours} heures" if mode is BookingMode.HOUR else "une journée"
        return Violation(Rule.TOO_LONG, "ends_at", f"a booking lasts at most {limit}",
                         f"une réservation dure au plus {limit_fr}")
    if reason := schedule.closure_on(day):
        return Violation(Rule.CLOSURE, "starts_at", f"the place is closed on {day} ({reason})",
                         f"le lieu est fermé le {day:%d/%m/%Y} ({reason})")
    opening = schedule.opening_on(day)
    if opening is None or local_start < opening[0] or local_end > opening[1]:
        return Violation(Rule.OUTSIDE_OPENING_HOURS, "starts_at",
                         "outside the place's opening hours",
                         "en dehors des horaires d'ouverture du lieu")
    if not is_aligned(mode, local_start, local_end, *opening):
        return Violation(Rule.NOT_ALIGNED, "starts_at", _ALIGNMENT[mode][0], _ALIGNMENT[mode][1])
    return None


_ALIGNMENT = {
    BookingMode.DAY: ("this resource is booked for the whole opening day",
                      "cette ressource se réserve pour la journée d'ouverture entière"),
    BookingMode.HALF_DAY: ("this resource is booked by half-day (morning until 13:00, "
                           "afternoon from 13:00) or day",
                           "cette ressource se réserve à la demi-journée (matin jusqu'à 13 h, "
                           "après-midi dès 13 h) ou à la journée"),
    BookingMode.HOUR: ("this resource is booked by whole clock hours",
                       "cette ressource se réserve par heures pleines"),
}


def check_quota(hours_booked_that_week: float, starts_at: datetime, ends_at: datetime,
                policy: BookingPolicy) -> Violation | None:
    """The member's weekly quota (hours of active bookings in the Paris week of the start)."""
    wanted = (ends_at - starts_at) / HOUR
    if hours_booked_that_week + wanted > policy.weekly_quota_hours + 1e-9:
        left = max(policy.weekly_quota_hours - hours_booked_that_week, 0)
        return Violation(Rule.WEEKLY_QUOTA, "starts_at",
                         f"over the weekly quota of {policy.weekly_quota_hours:g} hours "
                         f"({left:g} left that week)",
                         f"au-delà du quota hebdomadaire de {policy.weekly_quota_hours:g} heures "
                         f"(il en reste {left:g} cette semaine)")
    return None
