"""A process asked to stop (`soho serve`, `soho relay`) stops: its graceful shutdown (for a
service, uvicorn's: requests, then the lifespan: jobs, consumers, pool) is bounded by a
watchdog that ends the process if anything hangs. Without it, a process whose database or
broker vanished mid-shutdown could live on forever once nobody is left to SIGKILL it
(`soho up` itself killed: its children only get SIGTERM, through PR_SET_PDEATHSIG).
Messages it had not acknowledged go back to their queues, and claimed notifications come
back when their lease runs out: nothing is lost."""

import os
import sys
import threading
from collections.abc import Callable

import uvicorn

HARD_STOP_SECONDS = 20.0  # uvicorn waits 5 s for requests; the lifespan gets the rest
EXIT_CODE = 70  # EX_SOFTWARE: stopped by the watchdog, not cleanly


def arm_watchdog(seconds: float, what: str,
                 hard_exit: Callable[[int], None] = os._exit) -> threading.Timer:
    """End the process in `seconds` unless it has ended by itself (a daemon timer)."""

    def give_up() -> None:
        try:  # stderr may be a pipe to a `soho up` that is gone: end the process all the same
            sys.stderr.write(f'{{"event": "{what}.stop_timed_out", "seconds": {seconds}, '
                             f'"level": "error"}}\n')
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
        hard_exit(EXIT_CODE)

    watchdog = threading.Timer(seconds, give_up)
    watchdog.daemon = True
    watchdog.start()
    return watchdog


class BoundedStopServer(uvicorn.Server):
    """uvicorn, with the watchdog armed by the first stop signal."""

    hard_stop_seconds = HARD_STOP_SECONDS

    def __init__(self, config: uvicorn.Config,
                 hard_exit: Callable[[int], None] = os._exit) -> None:
        super().__init__(config)
        self._hard_exit = hard_exit
        self._watchdog: threading.Timer | None = None

    def handle_exit(self, sig: int, frame) -> None:
        if self._watchdog is None:
            self._watchdog = arm_watchdog(self.hard_stop_seconds, "serve", self._hard_exit)
        super().handle_exit(sig, frame)
