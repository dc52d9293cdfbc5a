"""A relay's liveness signal: `soho relay NAME --check` (what compose's healthcheck and
Kubernetes' liveness probe run) says alive while the relay's loop turns, and stuck once it
stops turning: here the process is frozen with SIGSTOP, as a deadlock would freeze it."""

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.support.waiting import wait_for

MAX_AGE = "3"  # seconds: the relay beats every second, so 3 s without one is stuck


def check(heartbeat: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "soho", "relay", "prospects", "--heartbeat-file", str(heartbeat),
         "--check", "--max-age", MAX_AGE], capture_output=True, text=True, timeout=60)


async def says(heartbeat: Path, code: int, words: str) -> bool:
    done = await asyncio.to_thread(check, heartbeat)
    return done.returncode == code and words in done.stdout + done.stderr


async def test_a_frozen_relay_is_reported_stuck_and_alive_again_once_it_turns(
        database_url, tmp_path):
    heartbeat = tmp_path / "prospects.heartbeat"
    assert await says(heartbeat, 1, "no heartbeat"), "nothing has beaten yet"
    relay = subprocess.Popen(
        [sys.executable, "-m", "soho", "relay", "prospects", "--heartbeat-file", str(heartbeat)],
        env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        await wait_for(lambda: says(heartbeat, 0, "alive"), timeout=60,
                       message="the running relay reported alive")
        relay.send_signal(signal.SIGSTOP)
        await wait_for(lambda: says(heartbeat, 1, "stuck"), timeout=30,
                       message="the frozen relay reported stuck")
        relay.send_signal(signal.SIGCONT)
        await wait_for(lambda: says(heartbeat, 0, "alive"), timeout=30,
                       message="the relay alive again once it turns")
    finally:
        relay.send_signal(signal.SIGCONT)
        relay.send_signal(signal.SIGTERM)
        assert await asyncio.to_thread(relay.wait, 30) == 0, "SIGTERM stops the relay cleanly"
