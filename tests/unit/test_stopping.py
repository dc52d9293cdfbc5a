"""`soho serve` stops even when its shutdown hangs: a watchdog starts with the first signal;
and no child of `soho up` outlives it."""

import signal
import subprocess
import sys
import threading

import uvicorn

from soho.stopping import EXIT_CODE, BoundedStopServer, arm_watchdog


def test_the_first_stop_signal_arms_a_watchdog_that_ends_the_process():
    exited = threading.Event()
    codes: list[int] = []

    def fake_exit(code: int) -> None:
        codes.append(code)
        exited.set()

    server = BoundedStopServer(uvicorn.Config(app=None), hard_exit=fake_exit)
    server.hard_stop_seconds = 0.2
    server.handle_exit(signal.SIGTERM, None)
    assert server.should_exit, "uvicorn's own graceful shutdown starts too"
    server.handle_exit(signal.SIGTERM, None)  # a second signal does not arm a second timer
    assert exited.wait(5), "the watchdog never fired"
    assert codes == [EXIT_CODE]


def test_a_server_never_asked_to_stop_has_no_watchdog():
    server = BoundedStopServer(uvicorn.Config(app=None), hard_exit=lambda code: None)
    assert server._watchdog is None


def _child_of(parent_argument: str) -> subprocess.CompletedProcess:
    """A process that runs the supervisor's pre-exec step, then says it lives on."""
    code = ("import os; from soho.supervisor import _die_with_parent; "
            f"_die_with_parent({parent_argument}); print('alive')")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)


def test_a_child_whose_parent_is_already_gone_ends_before_it_runs():
    # `soho up` killed between fork and the prctl: no SIGTERM would ever come.
    gone = _child_of("os.getppid() + 1_000_000")
    assert gone.returncode == 1 and gone.stdout == ""
    kept = _child_of("os.getppid()")
    assert kept.returncode == 0 and kept.stdout.strip() == "alive"


def test_the_watchdog_ends_the_process_even_when_stderr_is_a_broken_pipe(monkeypatch):
    # An orphan of a killed `soho up`: its stderr is a pipe nobody reads any more.
    class BrokenPipe:
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stderr", BrokenPipe())
    exited = threading.Event()
    codes: list[int] = []

    def fake_exit(code: int) -> None:
        codes.append(code)
        exited.set()

    arm_watchdog(0.05, "serve", fake_exit)
    assert exited.wait(5), "the watchdog died before ending the process"
    assert codes == [EXIT_CODE]
