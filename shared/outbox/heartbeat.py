"""The relay's liveness signal: a file whose modification time the relay's loop refreshes
as it turns (each batch, each wait, each reconnection attempt). A relay that is stuck
(frozen, deadlocked, an await that never returns) stops refreshing it; `soho relay NAME
--check` reads its age, which is what compose's healthcheck and Kubernetes' liveness probe
run. A file, not a port: the check runs inside the relay's own container, and a relay that
waits for a database or a broker that is down is alive (restarting it would not help)."""

import os
import time
from pathlib import Path

# The loop turns at least every few seconds (its slowest wait is the 2 s idle poll, its
# slowest step a 10 s publish timeout); past this age it is stuck.
DEFAULT_MAX_AGE_SECONDS = 30.0


def default_heartbeat_file(service: str) -> Path:
    """Where `soho relay SERVICE` beats unless told otherwise (SOHO_RELAY_HEARTBEAT_DIR)."""
    directory = os.environ.get("SOHO_RELAY_HEARTBEAT_DIR") or os.environ.get("TMPDIR") or "/tmp"
    return Path(directory) / f"soho-relay-{service}.heartbeat"


class Heartbeat:
    def __init__(self, path: Path | None, every: float = 1.0) -> None:
        self.path = path  # None: no file (a relay inside a test)
        self.every = every  # refresh the file at most this often
        self._last = float("-inf")

    def beat(self) -> None:
        now = time.monotonic()
        if self.path is None or now - self._last < self.every:
            return
        self._last = now
        try:
            self.path.touch()
        except OSError:  # a full or read-only disk must not stop publishing: the check says so
            pass


def heartbeat_age(path: Path) -> float | None:
    """Seconds since the relay beat, or None when it never did."""
    try:
        return max(time.time() - path.stat().st_mtime, 0.0)
    except FileNotFoundError:
        return None
