"""What a failed delivery attempt means: the server could not be reached, it said "not now",
or it said "never". No I/O: a service's domain builds on these."""

from dataclasses import dataclass
from enum import StrEnum


class FailureKind(StrEnum):
    UNREACHABLE = "unreachable"  # the server could not be reached at all (refused, timeout)
    TRANSIENT = "transient"  # it answered "not now" (SMTP 4xx, HTTP 5xx/429)
    PERMANENT = "permanent"  # it answered "never" (SMTP 5xx, HTTP 4xx, a refused address)


@dataclass(frozen=True)
class Failure:
    kind: FailureKind
    error: str


def smtp_reply_kind(code: int) -> FailureKind:
    """RFC 5321: 4yz is a transient negative reply, 5yz a permanent one."""
    return FailureKind.PERMANENT if 500 <= code < 600 else FailureKind.TRANSIENT
