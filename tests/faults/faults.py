"""The faults, on a schedule drawn from one seeded random (print the seed; SOHO_FAULT_SEED
replays a run's schedule): every service and every relay SIGKILLed at least once, a few
children sent SIGTERM while they work, RabbitMQ stopped and started (stop_app/start_app,
5 to 10 s down), PostgreSQL crashed and started again 8 to 12 s later (`pg_ctl stop -m
immediate`, then recovery, longer than a message's five deliveries last;
SOHO_FAULT_PG_MODE=fast for a clean restart)."""

import asyncio
import os
import random
import signal
import time
from collections import Counter
from dataclasses import dataclass, field

from soho.registry import SERVICE_NAMES, relayed_services
from tests.support.platform_process import alive
from tests.support.private_servers import PrivatePostgres, PrivateRabbitMQ

PROCESSES = [f"serve {name}" for name in SERVICE_NAMES] + [f"relay {name}"
                                                           for name in relayed_services()]
SIGTERMS = 4
EXTRA_SIGKILLS = 3
SIGTERM_GRACE = 20.0  # a child told to stop finishes its work and exits within this


def seed_from_environment() -> int:
    value = os.environ.get("SOHO_FAULT_SEED")
    return int(value) if value else random.SystemRandom().randrange(1, 10**6)


@dataclass(frozen=True)
class Fault:
    at: float  # seconds after the load started
    kind: str  # "SIGKILL", "SIGTERM", "rabbitmq", "postgresql"
    target: str = ""  # a child's command part ("serve prospects", "relay bookings")
    down_for: float = 0.0  # rabbitmq: seconds between stop_app and start_app

    def __str__(self) -> str:
        what = f"{self.kind} {self.target}".strip()
        return f"t={self.at:5.1f}s {what}" + (f" ({self.down_for:.1f}s down)"
                                              if self.down_for else "")


def schedule(rng: random.Random, window: float, postgres_mode: str = "immediate") -> list[Fault]:
    """Faults spread over [3 s, window]: the broker and the database outages apart from
    each other, every process killed at least once."""
    faults = [Fault(rng.uniform(3, window), "SIGKILL", p) for p in PROCESSES]
    faults += [Fault(rng.uniform(3, window), "SIGKILL", rng.choice(PROCESSES))
               for _ in range(EXTRA_SIGKILLS)]
    faults += [Fault(rng.uniform(3, window), "SIGTERM", p)
               for p in rng.sample(PROCESSES, SIGTERMS)]
    broker_at = rng.uniform(0.2 * window, 0.45 * window)
    database_at = rng.uniform(0.6 * window, 0.85 * window)
    if rng.random() < 0.5:
        broker_at, database_at = database_at, broker_at
    faults.append(Fault(broker_at, "rabbitmq", "stop_app/start_app", rng.uniform(5, 10)))
    # Down longer than a message's five deliveries last (about 6 s): an outage must not
    # dead-letter healthy events.
    faults.append(Fault(database_at, "postgresql", f"restart -m {postgres_mode}",
                        rng.uniform(8, 12)))
    return sorted(faults, key=lambda f: f.at)


@dataclass
class FaultInjector:
    platform: object  # tests.support.platform_process.Platform
    postgres: PrivatePostgres
    rabbitmq: PrivateRabbitMQ
    plan: list[Fault]
    signals: Counter = field(default_factory=Counter)  # (signal, target) -> sent
    done: list[str] = field(default_factory=list)  # what happened, with when
    missed: list[str] = field(default_factory=list)
    kill_times: dict[str, list[float]] = field(default_factory=dict)  # target -> time.time()
    duration: float = 0.0
    _locks: dict[str, asyncio.Lock] = field(default_factory=dict)

    async def run(self) -> None:
        """Every fault at its time, each on its own: a slow broker restart delays nothing."""
        started = time.monotonic()
        try:
            await asyncio.gather(*(self._at_its_time(fault, started) for fault in self.plan))
        finally:
            self.done.sort()
            self.duration = time.monotonic() - started

    async def _at_its_time(self, fault: Fault, started: float) -> None:
        await asyncio.sleep(max(0.0, fault.at - (time.monotonic() - started)))
        at = time.monotonic() - started
        if fault.kind in ("SIGKILL", "SIGTERM"):
            async with self._locks.setdefault(fault.target, asyncio.Lock()):
                await self._signal(fault, at)
        elif fault.kind == "rabbitmq":
            await asyncio.to_thread(self.rabbitmq.stop_app)
            await asyncio.sleep(fault.down_for)
            await asyncio.to_thread(self.rabbitmq.start_app)
            self.done.append(f"t={at:5.1f}s RabbitMQ stop_app, start_app {fault.down_for:.1f}s "
                             f"later: running again after {time.monotonic() - started - at:.1f}s")
        else:
            mode = fault.target.split()[-1]
            await asyncio.to_thread(self.postgres.restart, mode, fault.down_for)
            self.done.append(f"t={at:5.1f}s PostgreSQL stop -m {mode}, start "
                             f"{fault.down_for:.1f}s later: accepting connections again after "
                             f"{time.monotonic() - started - at:.1f}s")

    async def _signal(self, fault: Fault, at: float) -> None:
        """The process may be between a death and its restart (the supervisor's backoff):
        wait for it to be back, then signal it. After a SIGTERM, wait for it to stop (no
        other signal reaches that process meanwhile: one fault per target at a time)."""
        sig = signal.SIGKILL if fault.kind == "SIGKILL" else signal.SIGTERM
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            victims = self.platform.kill_child(fault.target, sig)
            if victims:
                self.signals[(fault.kind, fault.target)] += 1
                if sig == signal.SIGKILL:
                    self.kill_times.setdefault(fault.target, []).append(time.time())
                line = f"t={at:5.1f}s {fault.kind} {fault.target} (pid {', '.join(map(str, victims))})"
                if sig == signal.SIGTERM:
                    line += await self._stopped(victims)
                self.done.append(line)
                return
            await asyncio.sleep(0.25)
        self.missed.append(str(fault))

    async def _stopped(self, pids: list[int]) -> str:
        sent = time.monotonic()
        while any(alive(pid) for pid in pids):
            if time.monotonic() - sent > SIGTERM_GRACE:
                self.missed.append(f"pid {pids} still running {SIGTERM_GRACE:.0f}s after SIGTERM")
                return f": still running after {SIGTERM_GRACE:.0f}s"
            await asyncio.sleep(0.1)
        return f": stopped {time.monotonic() - sent:.1f}s later"
