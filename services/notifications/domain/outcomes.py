"""What an attempt's outcome means for a message: sent, tried again later, or failed."""

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal


class FailureKind(StrEnum):
    UNREACHABLE = "unreachable"  # the server could not be reached at all (refused, timeout)
    TRANSIENT = "transient"  # it answered "not now" (SMTP 4xx, HTTP 5xx/429)
    PERMANENT = "permanent"  # it answered "never" (SMTP 5xx, HTTP 4xx, a refused address)


@dataclass(frozen=True)
class Failure:
    kind: FailureKind
    error: str


@dataclass(frozen=True)
class Decision:
    status: Literal["sent", "pending", "failed"]
    retry_in: float | None = None  # seconds, for pending
    failure: Failure | None = None


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int
    first_backoff: float
    max_backoff: float

    def backoff(self, attempts: int) -> float:
        """Delay before attempt `attempts + 1`: first_backoff, doubling, capped."""
        return min(self.first_backoff * 2 ** max(attempts - 1, 0), self.max_backoff)


def decide(failure: Failure | None, attempts: int, policy: RetryPolicy) -> Decision:
    """`attempts` counts the attempt just made."""
    if failure is None:
        return Decision("sent")
    if failure.kind is FailureKind.PERMANENT or attempts >= policy.max_attempts:
        return Decision("failed", failure=failure)
    return Decision("pending", retry_in=policy.backoff(attempts), failure=failure)


def smtp_reply_kind(code: int) -> FailureKind:
    """RFC 5321: 4yz is a transient negative reply, 5yz a permanent one."""
    return FailureKind.PERMANENT if 500 <= code < 600 else FailureKind.TRANSIENT


def http_status_failure(status: int) -> Failure | None:
    """None for 2xx. 408, 425 and 429 ask to come back later; other 4xx (and redirects,
    which are not followed) will not change by retrying; 5xx may."""
    if 200 <= status < 300:
        return None
    if status in (408, 425, 429) or status >= 500:
        return Failure(FailureKind.TRANSIENT, f"HTTP {status}")
    return Failure(FailureKind.PERMANENT, f"HTTP {status}")
