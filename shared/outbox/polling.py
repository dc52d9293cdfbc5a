"""The relay's promise to poll: while busy, the relay polls every few milliseconds and says
so in `outbox_relay_polling`; writers then skip the NOTIFY, because PostgreSQL serialises
the commits of notifying transactions cluster-wide, which capped the writers
(docs/benchmarks.md)."""

import time

import asyncpg

PROMISE_POLLING = """
INSERT INTO outbox_relay_polling (polling_until)
VALUES (clock_timestamp() + make_interval(secs => $1))
ON CONFLICT (only_row) DO UPDATE
SET polling_until = greatest(outbox_relay_polling.polling_until, EXCLUDED.polling_until)
"""


class PollingPromise:
    def __init__(self, linger: float) -> None:
        self.linger = linger  # seconds the relay keeps polling after its last batch
        self._until = 0.0  # monotonic time until which writers were told we poll

    @property
    def active(self) -> bool:
        return time.monotonic() < self._until

    async def renew(self, conn: asyncpg.Connection) -> None:
        """Promise `linger` more seconds of polling; written only when half of the last
        promise is used up (a write every half-linger at most)."""
        now = time.monotonic()
        if self._until - now > self.linger / 2:
            return
        await conn.execute(PROMISE_POLLING, self.linger)
        self._until = now + self.linger
