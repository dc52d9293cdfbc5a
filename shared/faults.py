"""Failpoints: named places where a test can make the process die on purpose.

`SOHO_FAILPOINTS=relay.before_publish` makes the relay SIGKILL itself right after it has
locked a batch and before it publishes, which is how tests prove that a crash at the worst
moment loses nothing. Unset in production, a failpoint costs one dict lookup.
"""

import os
import signal

_ARMED = frozenset(filter(None, os.environ.get("SOHO_FAILPOINTS", "").split(",")))


def failpoint(name: str) -> None:
    if name in _ARMED:
        os.kill(os.getpid(), signal.SIGKILL)
