"""How long to wait before trying a delivery again: a doubling delay, capped."""

from dataclasses import dataclass


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int
    first_backoff: float
    max_backoff: float

    def backoff(self, attempts: int) -> float:
        """Seconds before the next attempt once `attempts` were made: first_backoff after
        the first, doubling after each further one, never more than max_backoff."""
        exponent = min(max(attempts - 1, 0), 64)  # 2**64 * anything is past any cap
        return min(self.first_backoff * 2.0 ** exponent, self.max_backoff)
