"""Sent, retried later, or failed: what an attempt's outcome means."""

import pytest

from services.notifications.domain.outcomes import decide, http_status_failure
from shared.mail.failures import Failure, FailureKind
from shared.mail.retries import RetryPolicy

POLICY = RetryPolicy(max_attempts=4, first_backoff=2, max_backoff=5)


def test_success_is_sent():
    assert decide(None, 1, POLICY).status == "sent"


def test_a_transient_failure_is_retried_with_exponential_backoff_up_to_a_limit():
    failure = Failure(FailureKind.UNREACHABLE, "connection refused")
    delays = [decide(failure, n, POLICY).retry_in for n in (1, 2, 3)]
    assert delays == [2, 4, 5]
    assert all(decide(failure, n, POLICY).status == "pending" for n in (1, 2, 3))
    last = decide(failure, 4, POLICY)
    assert last.status == "failed" and last.failure is failure


def test_a_permanent_failure_fails_at_once():
    assert decide(Failure(FailureKind.PERMANENT, "550"), 1, POLICY).status == "failed"


@pytest.mark.parametrize(("status", "kind"), [(200, None), (204, None),
                                              (500, FailureKind.TRANSIENT),
                                              (503, FailureKind.TRANSIENT),
                                              (429, FailureKind.TRANSIENT),
                                              (408, FailureKind.TRANSIENT),
                                              (400, FailureKind.PERMANENT),
                                              (404, FailureKind.PERMANENT),
                                              (301, FailureKind.PERMANENT)])
def test_webhook_5xx_is_transient_4xx_permanent(status, kind):
    failure = http_status_failure(status)
    assert (failure.kind if failure else None) is kind
