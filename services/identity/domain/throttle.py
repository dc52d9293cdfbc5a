"""Rate limits as data, and the arithmetic of fixed windows and of slowing an account
after repeated wrong passwords. The counting is in the database (store/throttle.py), so
every copy of the service counts together."""

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Limit:
    name: str  # what is counted and by what: "sign_in:email"
    hits: int  # allowed per window
    window_seconds: int

    def key(self, value: str) -> str:
        return f"{self.name}:{value}"


@dataclass(frozen=True)
class Limits:
    """The limits of one kind of attempt: per email and per client address."""

    per_email: Limit
    per_client: Limit


def window_start(now: datetime, window_seconds: int) -> datetime:
    elapsed = (now - EPOCH).total_seconds()
    return EPOCH + timedelta(seconds=math.floor(elapsed / window_seconds) * window_seconds)


def retry_after(now: datetime, window_seconds: int) -> int:
    """Whole seconds until the window of `now` ends (at least 1)."""
    end = window_start(now, window_seconds) + timedelta(seconds=window_seconds)
    return max(1, math.ceil((end - now).total_seconds()))


def slowing_delay(failures: int, *, after: int = 5, first_seconds: float = 1,
                  max_seconds: float = 900) -> timedelta | None:
    """How long an account is refused after `failures` wrong passwords in a row: nothing
    before `after`, then first_seconds * 2^(failures - after), at most max_seconds."""
    if failures < after:
        return None
    exponent = min(failures - after, 40)  # 2^40 s is far past any cap
    return timedelta(seconds=min(first_seconds * 2 ** exponent, max_seconds))
