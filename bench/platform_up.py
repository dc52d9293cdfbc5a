"""`soho up` for the benchmarks that measure the whole platform (latency, memory, scaleout).

    async with soho_up(replicas=2, smtp_url=smtp.url) as up:
        up.urls("prospects")        # every copy's base URL, copy 1 first
        up.processes()              # {"prospects-1": pid, "prospects-relay-1": pid, ...}

The real command (`python -m soho up`), started as tests/support/platform_process starts it,
on a PostgreSQL database and a RabbitMQ vhost of its own (`soho_bench_up_<run>`, both made
for the run and removed at the end, also on failure or Ctrl-C) and on free ports, so it never
meets a developer's `soho up` or another run. Without the right to make a vhost (root and a
local broker, for rabbitmqctl) it uses $AMQP_URL's vhost and says so.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository's packages

import asyncpg  # noqa: E402
import httpx  # noqa: E402
from yarl import URL  # noqa: E402

from shared.auth import Role, issue_token  # noqa: E402
from shared.db import asyncpg_dsn, ensure_database  # noqa: E402
from soho.registry import SERVICE_NAMES  # noqa: E402
from soho.startup import REPLICA_PORT_STEP  # noqa: E402
from tests.support import rabbitmq_vhost  # noqa: E402
from tests.support.platform_process import Platform, children_of, running_platform  # noqa: E402
from tests.support.waiting import wait_for  # noqa: E402

DEFAULT_AMQP_URL = "amqp://guest:guest@127.0.0.1:5672/"
DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/soho_bench"
READY_TIMEOUT = 240.0  # 19 processes (--replicas 2) starting on two busy cores take a while


@dataclass
class BenchPlatform:
    platform: Platform
    replicas: int
    database_url: str
    secret: str

    def urls(self, service: str) -> list[str]:
        first = self.platform.ports[service]
        return [f"http://127.0.0.1:{first + REPLICA_PORT_STEP * n}"
                for n in range(self.replicas)]

    def staff_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {issue_token(self.secret, Role.STAFF, sub='bench')}"}

    def solo_headers(self, member_id: str) -> dict[str, str]:
        token = issue_token(self.secret, Role.SOLO, member=member_id)
        return {"Authorization": f"Bearer {token}"}

    def processes(self) -> dict[str, int]:
        """Every child of `soho up`, named as its log prefix: `prospects-2`,
        `prospects-relay-1`, `smtp-sink` (copy numbers shown even with one replica)."""
        named: dict[str, int] = {}
        relays: dict[str, int] = {}
        for pid, command in sorted(children_of(self.platform.process.pid).items()):
            words = command.split()
            if "serve" in words:
                service = words[words.index("serve") + 1]
                named[f"{service}-{self._copy_of(pid, service)}"] = pid
            elif "relay" in words:
                service = words[words.index("relay") + 1]
                relays[service] = relays.get(service, 0) + 1
                named[f"{service}-relay-{relays[service]}"] = pid
            elif "smtp-sink" in words:
                named["smtp-sink"] = pid
        return named

    def _copy_of(self, pid: int, service: str) -> int:
        variable = f"{service.upper()}_PORT=".encode()
        with contextlib.suppress(OSError):
            for item in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0"):
                if item.startswith(variable):
                    port = int(item.removeprefix(variable))
                    return 1 + (port - self.platform.ports[service]) // REPLICA_PORT_STEP
        return 0

    async def all_ready(self, client: httpx.AsyncClient) -> bool:
        for service in SERVICE_NAMES:
            for url in self.urls(service):
                try:
                    if (await client.get(f"{url}/ready")).status_code != 200:
                        return False
                except httpx.HTTPError:
                    return False
        return True


def free_base_port(replicas: int) -> tuple[int, int]:
    """A base port whose five service ports (and each copy's) are free, and a sink port."""
    rng = secrets.SystemRandom()
    for _ in range(200):
        base = rng.randrange(20000, 29000, 10)
        ports = [base + REPLICA_PORT_STEP * r + i for r in range(replicas)
                 for i in range(len(SERVICE_NAMES))]
        sink = base + 9
        if all(_free(p) for p in [*ports, sink, base + len(SERVICE_NAMES) + 1]):  # + front door
            return base, sink
    raise RuntimeError("no free ports for soho up")


def _free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@contextlib.asynccontextmanager
async def soho_up(*, replicas: int = 1, smtp_url: str | None = None,
                  env: dict[str, str] | None = None,
                  log_level: str = "INFO") -> AsyncIterator[BenchPlatform]:
    """`soho up --replicas N` on its own database and vhost, every copy ready; stopped with
    SIGTERM and cleaned up when the block ends."""
    run = f"{int(time.time())}_{uuid.uuid4().hex[:6]}"
    base_db = URL(os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL))
    database_url = str(base_db.with_path(f"{base_db.path}_up_{run}"))
    base_amqp = os.environ.get("AMQP_URL", DEFAULT_AMQP_URL)
    vhost = f"soho_bench_up_{run}"
    amqp_url = base_amqp
    if rabbitmq_vhost.can_manage_vhosts(base_amqp):
        amqp_url = rabbitmq_vhost.create_run_vhost(base_amqp, vhost)
    else:
        vhost = ""
        print(f"note: cannot make a RabbitMQ vhost here (needs root and a local broker); "
              f"using {base_amqp}", flush=True)
    await ensure_database(database_url)
    secret = secrets.token_hex(32)
    base_port, sink_port = free_base_port(replicas)
    child_env = {"DATABASE_URL": database_url, "AMQP_URL": amqp_url, "SOHO_SECRET": secret,
                 "SOHO_LOG_LEVEL": log_level,
                 # Load comes from one address: the per-address limit would answer 429.
                 "PROSPECTS_CONTACT_RATE_LIMIT": "1000000 per minute", **(env or {})}
    if smtp_url:
        child_env["SMTP_URL"] = smtp_url
    workdir = Path(tempfile.mkdtemp(prefix="soho-bench-up-"))
    try:
        async with running_platform(workdir, replicas=replicas, base_port=base_port,
                                    sink_port=sink_port, env=child_env) as platform:
            up = BenchPlatform(platform, replicas, database_url, secret)
            async with httpx.AsyncClient(timeout=5) as client:
                async def ready() -> bool:
                    if platform.process.poll() is not None:
                        raise RuntimeError(f"soho up exited with {platform.process.returncode}:"
                                           f"\n{platform.output()[-3000:]}")
                    return await up.all_ready(client)

                try:
                    await wait_for(ready, timeout=READY_TIMEOUT, interval=0.5,
                                   message=f"soho up --replicas {replicas} ready")
                except AssertionError:
                    print(platform.output()[-3000:], file=sys.stderr)
                    raise
            try:
                yield up
            finally:
                with contextlib.suppress(Exception):
                    platform.stop(timeout=20)
    finally:
        await _drop_database(database_url)
        if vhost:
            rabbitmq_vhost.delete_vhost(vhost)
        shutil.rmtree(workdir, ignore_errors=True)


async def _drop_database(database_url: str) -> None:
    dsn = asyncpg_dsn(database_url)
    name = dsn.rsplit("/", 1)[1]
    try:
        admin = await asyncpg.connect(dsn.rsplit("/", 1)[0] + "/postgres", timeout=10)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()
    except Exception as exc:  # the database is down: say what is left behind
        print(f"could not drop the database {name} ({exc}); drop it by hand", file=sys.stderr)


# --- measures shared by the benchmarks -----------------------------------------------------

def rss_kib(pid: int) -> int | None:
    """Resident memory of a process (VmRSS in /proc/<pid>/status), or None if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def machine_busy() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine since boot (/proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


class CpuByGroup:
    """CPU seconds used between `start()` and `stop()` by: the platform (`soho up` and its
    children), RabbitMQ, PostgreSQL, this benchmark, and everything else on the machine
    (other people's work). A process that ended meanwhile is not counted. `platform` also
    has its parts by role (`notifications`, `prospects-relay`, ...: copies added up)."""

    def __init__(self, up: BenchPlatform) -> None:
        self.up = up

    def _roles(self) -> dict[int, str]:
        roles = {self.up.platform.process.pid: "soho up"}
        for name, pid in self.up.processes().items():
            roles[pid] = name if name == "smtp-sink" else name.rsplit("-", 1)[0]
        return roles

    def _sample(self) -> dict[int, tuple[str, float]]:
        roles = self._roles()
        found = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                head, tail = stat.read_text().rsplit(")", 1)
                fields = tail.split()
            except (OSError, ValueError):
                continue
            pid, comm = int(stat.parent.name), head.split("(", 1)[1]
            group = (f"platform/{roles[pid]}" if pid in roles
                     else "rabbitmq" if comm == "beam.smp"
                     else "postgresql" if comm == "postgres"
                     else "benchmark" if pid == os.getpid() else "other")
            found[pid] = (group, (int(fields[11]) + int(fields[12]))
                          / os.sysconf("SC_CLK_TCK"))
        return found

    def start(self) -> None:
        self.before, self.busy_before = self._sample(), machine_busy()
        self.started = time.monotonic()

    def stop(self) -> None:
        after, busy = self._sample(), machine_busy()
        self.wall = time.monotonic() - self.started
        self.busy = (busy[0] - self.busy_before[0]) / max(busy[1] - self.busy_before[1], 1)
        self.roles: dict[str, float] = {}
        self.groups: dict[str, float] = {}
        for pid, (group, seconds) in after.items():
            used = seconds - self.before.get(pid, (group, 0.0))[1]
            if group.startswith("platform/"):
                role = group.removeprefix("platform/")
                self.roles[role] = self.roles.get(role, 0.0) + used
                group = "platform"
            self.groups[group] = self.groups.get(group, 0.0) + used

    def summary(self) -> str:
        parts = [f"{name} {seconds:.1f}" for name, seconds in
                 sorted(self.groups.items(), key=lambda item: -item[1])]
        return (f"machine {self.busy:.0%} busy ({os.cpu_count()} CPUs) over {self.wall:.1f} s;"
                f" CPU seconds: {', '.join(parts)}")

    def per_role(self, per: int, unit: str) -> str:
        """The platform's CPU by role, in milliseconds per `unit` (`per` of them)."""
        return ", ".join(f"{role} {seconds * 1000 / per:.1f}" for role, seconds in
                         sorted(self.roles.items(), key=lambda item: -item[1])
                         if seconds * 1000 / per >= 0.05) + f" (ms per {unit})"


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def new_person(tag: str = "bench") -> dict:
    """A valid POST /api/contacts body for somebody nobody else writes to."""
    key = uuid.uuid4().hex[:12]
    return {"first_name": "Camille", "last_name": f"Martin-{key}",
            "email": f"{tag}.{key}@example.org", "consent": True, "locale": "fr",
            "origin_country": "NL", "household_size": 3, "desired_villages": ["32013"],
            "message": "Nous aimerions vivre dans le Gers."}


async def post_contact(client: httpx.AsyncClient, url: str, person: dict) -> httpx.Response:
    """`POST /api/contacts` with an Idempotency-Key, sent again if the connection dropped
    (a kept-alive connection the server closed meanwhile): the retry answers the first
    response and publishes nothing new. Anything but 202 stops the benchmark."""
    headers = {"Idempotency-Key": uuid.uuid4().hex}
    for attempt in range(3):
        try:
            response = await client.post(f"{url}/api/contacts", json=person, headers=headers)
        except (httpx.ReadError, httpx.RemoteProtocolError, httpx.ConnectError):
            if attempt == 2:
                raise
            continue
        if response.status_code != 202:
            raise RuntimeError(f"POST /api/contacts answered {response.status_code}: "
                               f"{response.text[:300]}")
        return response
    raise AssertionError("unreachable")


def stop_cleanly_on_sigterm() -> None:
    """SIGTERM cleans up as Ctrl-C does (the finally blocks drop what the run created)."""

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
