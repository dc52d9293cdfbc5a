"""What an attempt's outcome means for a message: sent, tried again later (pending), or
failed. The failure kinds and the doubling delay are shared.mail's, as every service that
sends mail has them; the webhook statuses and the decision are notifications' own."""

from dataclasses import dataclass
from typing import Literal

from shared.mail.failures import Failure, FailureKind
from shared.mail.retries import RetryPolicy


@dataclass(frozen=True)
class Decision:
    status: Literal["sent", "pending", "failed"]
    retry_in: float | None = None  # seconds, for pending
    failure: Failure | None = None


def decide(failure: Failure | None, attempts: int, policy: RetryPolicy) -> Decision:
    """`attempts` counts the attempt just made."""
    if failure is None:
        return Decision("sent")
    if failure.kind is FailureKind.PERMANENT or attempts >= policy.max_attempts:
        return Decision("failed", failure=failure)
    return Decision("pending", retry_in=policy.backoff(attempts), failure=failure)


def http_status_failure(status: int) -> Failure | None:
    """None for 2xx. 408, 425 and 429 ask to come back later; other 4xx (and redirects,
    which are not followed) will not change by retrying; 5xx may."""
    if 200 <= status < 300:
        return None
    if status in (408, 425, 429) or status >= 500:
        return Failure(FailureKind.TRANSIENT, f"HTTP {status}")
    return Failure(FailureKind.PERMANENT, f"HTTP {status}")
