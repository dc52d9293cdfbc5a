"""`soho serve` stops even when its shutdown hangs: a watchdog starts with the first signal."""

import signal
import threading

import uvicorn

from soho.stopping import EXIT_CODE, BoundedStopServer


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
