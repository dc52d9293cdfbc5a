"""Check-in, cancellation and no-shows, with the clock as a parameter."""

from datetime import datetime, timedelta

from services.bookings.domain.lifecycle import (CancelOutcome, Status, cancel_outcome,
                                                check_in_violation, is_no_show,
                                                no_show_deadline)
from services.bookings.domain.rules import Rule
from shared.reference.calendar import PARIS

START = datetime(2026, 3, 30, 8, 30, tzinfo=PARIS)
END = datetime(2026, 3, 30, 13, 0, tzinfo=PARIS)
EARLY, GRACE = timedelta(minutes=15), timedelta(minutes=30)


def test_check_in_opens_a_little_before_the_start_and_closes_at_the_end():
    assert check_in_violation(START, END, START - EARLY, EARLY) is None
    assert check_in_violation(START, END, END - timedelta(seconds=1), EARLY) is None
    assert check_in_violation(START, END, START - EARLY - timedelta(seconds=1), EARLY).rule \
        is Rule.CHECK_IN_WINDOW
    assert check_in_violation(START, END, END, EARLY).rule is Rule.CHECK_IN_WINDOW


def test_no_show_after_the_grace_period_or_the_end_if_sooner():
    assert no_show_deadline(START, END, GRACE) == START + GRACE
    short_end = START + timedelta(minutes=20)
    assert no_show_deadline(START, short_end, GRACE) == short_end
    assert not is_no_show(Status.BOOKED, START, END, START + GRACE - timedelta(seconds=1), GRACE)
    assert is_no_show(Status.BOOKED, START, END, START + GRACE, GRACE)
    assert not is_no_show(Status.CHECKED_IN, START, END, END, GRACE)
    assert not is_no_show(Status.CANCELLED, START, END, END, GRACE)


def test_cancelling():
    before = START - timedelta(days=1)
    assert cancel_outcome(Status.BOOKED, END, before) is CancelOutcome.CANCEL
    assert cancel_outcome(Status.CHECKED_IN, END, START) is CancelOutcome.CANCEL
    assert cancel_outcome(Status.CANCELLED, END, before) is CancelOutcome.ALREADY_CANCELLED
    assert cancel_outcome(Status.NO_SHOW, END, before) is CancelOutcome.NOT_CANCELLABLE
    assert cancel_outcome(Status.BOOKED, END, END) is CancelOutcome.NOT_CANCELLABLE
