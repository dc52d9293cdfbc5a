"""`soho up`: every service and relay as its own process, logs prefixed with its name,
a process that dies restarted (with backoff), everything stopped cleanly on Ctrl-C/SIGTERM."""

import asyncio
import ctypes
import functools
import os
import signal
import sys
import time
from dataclasses import dataclass, field

STOP_TIMEOUT = 8.0  # children get SIGTERM, then SIGKILL after this; the whole stop stays < 10 s
COLOURS = ["36", "32", "33", "35", "34", "96", "92", "93", "95", "94", "91"]


def _die_with_parent(parent: int) -> None:
    """Children get SIGTERM if `soho up` itself is killed, so no orphan keeps a port.
    Runs in the child between fork and exec. A parent killed before the prctl sends no
    signal (an orphan of a killed `soho up` once served on for a quarter of an hour): the
    child then ends at once."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        return
    if os.getppid() != parent:
        os._exit(1)


@dataclass
class Child:
    name: str
    args: list[str]
    env: dict[str, str]
    colour: str
    process: asyncio.subprocess.Process | None = None
    restarts: int = 0
    started_at: float = 0.0
    pump: asyncio.Task | None = field(default=None, repr=False)


class Supervisor:
    def __init__(self, children: list[Child], *, colour: bool) -> None:
        self.children = children
        self.colour = colour
        self.stopping = asyncio.Event()
        self.width = max(len(c.name) for c in children)

    def say(self, name: str, line: str, colour: str = "1") -> None:
        label = name.ljust(self.width)
        if self.colour:
            label = f"\033[{colour}m{label}\033[0m"
        sys.stdout.write(f"{label} | {line}\n")
        sys.stdout.flush()

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self.stopping.set)
        watchers = [asyncio.create_task(self._keep_running(child)) for child in self.children]
        await self.stopping.wait()
        self.say("soho", "stopping every process...")
        await self._stop_all()
        for watcher in watchers:
            watcher.cancel()
        await asyncio.gather(*watchers, return_exceptions=True)
        self.say("soho", "stopped")

    async def _spawn(self, child: Child) -> None:
        child.process = await asyncio.create_subprocess_exec(
            *child.args, env=child.env, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT, stdin=asyncio.subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C reaches us only; we stop the children in order
            preexec_fn=functools.partial(_die_with_parent, os.getpid()),
        )
        child.started_at = time.monotonic()
        child.pump = asyncio.create_task(self._pump(child, child.process))

    async def _pump(self, child: Child, process: asyncio.subprocess.Process) -> None:
        assert process.stdout is not None
        async for raw in process.stdout:
            self.say(child.name, raw.decode(errors="replace").rstrip(), child.colour)

    async def _keep_running(self, child: Child) -> None:
        backoff = 1.0
        while not self.stopping.is_set():
            await self._spawn(child)
            assert child.process is not None
            code = await child.process.wait()
            if child.pump is not None:
                await child.pump
            if self.stopping.is_set():
                return
            if time.monotonic() - child.started_at > 30:
                backoff = 1.0  # it had been healthy for a while
            child.restarts += 1
            self.say(child.name, f"exited with {code}; restarting in {backoff:.0f}s", "91")
            try:
                await asyncio.wait_for(self.stopping.wait(), backoff)
            except TimeoutError:
                pass
            backoff = min(backoff * 2, 30)

    async def _stop_all(self) -> None:
        running = [c for c in self.children if c.process and c.process.returncode is None]
        for child in running:
            child.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        for child in running:
            try:
                await asyncio.wait_for(child.process.wait(), max(deadline - time.monotonic(), 0.1))
            except TimeoutError:
                self.say(child.name, "did not stop in time; killing it", "91")
                child.process.kill()
                await child.process.wait()


def child_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "soho", *args]


def child_env(extra: dict[str, str]) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra)
    env["PYTHONUNBUFFERED"] = "1"
    return env
