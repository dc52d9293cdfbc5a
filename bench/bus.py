"""Bus benchmark: raw aio-pika against the platform's outbox -> relay -> consumer-with-inbox.

    .venv/bin/python bench/bus.py [--events N] [--layout processes|inprocess]

One run, one broker, one database, four measurements:

A. raw aio-pika: N persistent ~CloudEvent-sized messages published with confirms, in
   concurrent windows of 200 (as the relay publishes a batch), into a fresh durable quorum
   queue, consumed with manual ack (prefetch 100) on another connection; first publish to
   last ack.
B. the platform: N events staged into the outbox of a fresh schema, one transaction each, by
   10 concurrent writers; the real OutboxRelay publishes them to `soho.events`; a FastStream
   broker with EventConsumers handles `bench.measured` inside the inbox transaction and
   inserts a row into `bench_effect`; first outbox insert to the N-th effect row.
C. the relay alone: N rows committed at once into the outbox, consumer stopped; commit to the
   last row marked published.
D. the consumer alone: connected first, then told to consume the N events C left in its
   queue; from then to the N-th effect row.

Layouts: `processes` (default) runs the relay, the platform consumer and the raw consumer
each in its own subprocess, as deployed (`soho relay` and `soho serve` are separate
processes); the writers and the measuring loop stay in this process. `inprocess` runs all of
it on one event loop.

Everything created (queues, schema) is removed at the end, also on failure or Ctrl-C; every
wait has a deadline. Events of type `bench.measured` also reach the `soho.events.log` stream,
like every event published on `soho.events`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TextIO

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository's shared/

import aio_pika  # noqa: E402
import asyncpg  # noqa: E402

from shared.bus import topology  # noqa: E402
from shared.db import connect, create_pool, ensure_database  # noqa: E402
from shared.events import CloudEvent, EventData, new_event  # noqa: E402
from shared.migrations import apply_migrations  # noqa: E402
from shared.outbox.relay import OutboxRelay, RelayConfig  # noqa: E402
from shared.outbox.store import stage_event  # noqa: E402

DEFAULT_AMQP_URL = "amqp://guest:guest@127.0.0.1:5672/"
DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/soho_bench"
SOURCE = "/soho/bench"
PUBLISH_WINDOW = 200  # the relay's default batch size
RAW_PREFETCH = 100
WRITERS = 10
WARM_UP_EVENTS = 20
POLL_INTERVAL = 0.02
PAYLOAD = "x" * 300
ROLE_OPTIONS = "SOHO_BENCH_ROLE_OPTIONS"


class BenchMeasured(EventData):
    """A benchmark event, consumed by the benchmark's own queue only."""

    event_type = "bench.measured"

    seq: int
    payload: str


def bench_event(seq: int, run: str = "") -> CloudEvent[Any]:
    """`run` (the subject) tells this run's events from those of a concurrent run: every
    queue bound to `bench.measured` receives both."""
    return new_event(BenchMeasured(seq=seq, payload=PAYLOAD), source=SOURCE, subject=run)


class Deadline:
    def __init__(self, seconds: float, what: str) -> None:
        self.at = time.monotonic() + seconds
        self.what = what

    def left(self) -> float:
        return self.at - time.monotonic()

    def check(self) -> None:
        if self.left() <= 0:
            raise TimeoutError(f"deadline passed: {self.what}")


def quiet_logging(level: str) -> TextIO:
    """Log as the services do, but into /dev/null: the cost of rendering every line is
    measured, the terminal stays readable. FastStream's access logger ("Received",
    "Processed": two lines per message) has its own handler on whatever sys.stdout is when
    the broker starts, so sys.stdout itself becomes /dev/null; returns the real stdout."""
    from shared.logs import configure_logging

    real_stdout = sys.stdout
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    configure_logging("bench", level, "json")
    return real_stdout


# --- where the CPU goes --------------------------------------------------------------------

OWN_PIDS: dict[int, str] = {}  # this script's processes: pid -> what runs there


def _cpu_by_pid() -> dict[int, tuple[str, float]]:
    tick = os.sysconf("SC_CLK_TCK")
    seen = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            comm = stat[stat.index("(") + 1:stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2:].split()
            seen[int(entry)] = (comm, (int(fields[11]) + int(fields[12])) / tick)
    return seen


def _machine_busy() -> tuple[float, float]:
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


class CpuMeter:
    """CPU seconds spent during a phase, per process group: this script's roles, RabbitMQ,
    PostgreSQL, everything else (other users of the machine)."""

    def __enter__(self) -> CpuMeter:
        self._before = _cpu_by_pid()
        self._busy = _machine_busy()
        self._started = time.monotonic()
        return self

    def __exit__(self, *exc: object) -> None:
        after = _cpu_by_pid()
        busy, total = _machine_busy()
        self.wall = time.monotonic() - self._started
        self.busy = (busy - self._busy[0]) / max(total - self._busy[1], 1)
        self.groups: dict[str, float] = {}
        for pid, (comm, seconds) in after.items():
            used = seconds - self._before.get(pid, (comm, 0.0))[1]
            if pid in OWN_PIDS:
                group = OWN_PIDS[pid]
            elif comm == "beam.smp":
                group = "rabbitmq"
            elif comm == "postgres":
                group = "postgresql"
            else:
                group = "other"
            self.groups[group] = self.groups.get(group, 0.0) + used

    def summary(self, events: int) -> str:
        parts = [f"{name} {seconds:.1f} s ({seconds * 1000 / events:.2f} ms/event)"
                 for name, seconds in sorted(self.groups.items(), key=lambda item: -item[1])
                 if seconds >= 0.05]
        return (f"{self.busy:.0%} of {os.cpu_count()} CPUs busy over {self.wall:.1f} s; "
                f"CPU {', '.join(parts)}")


# --- roles: each runs until `stop` is set, in this process or in a subprocess -------------

Ready = Callable[[str], None]


class Control:
    """What the benchmark tells a role: `go` (start consuming, for a deferred consumer)
    and `stop`."""

    def __init__(self) -> None:
        self.go = asyncio.Event()
        self.stop = asyncio.Event()

    async def wait_for_go(self) -> bool:
        """True on go, False on stop."""
        go = asyncio.ensure_future(self.go.wait())
        stop = asyncio.ensure_future(self.stop.wait())
        try:
            await asyncio.wait({go, stop}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            go.cancel()
            stop.cancel()
        return self.go.is_set() and not self.stop.is_set()


async def role_raw_consumer(opts: dict, ready: Ready, ctl: Control) -> None:
    """Manual-ack consumer of the raw queue; reports the time of the N-th ack."""
    n = opts["events"]
    connection = await aio_pika.connect(opts["amqp_url"], timeout=5)
    try:
        channel = await connection.channel()
        await channel.set_qos(prefetch_count=RAW_PREFETCH)
        queue = await channel.get_queue(opts["queue"])
        acked = 0

        async def on_message(message: aio_pika.abc.AbstractIncomingMessage) -> None:
            nonlocal acked
            await message.ack()
            acked += 1
            if acked == n:
                ready(f"DONE {time.monotonic()!r}")

        tag = await queue.consume(on_message)
        ready("READY")
        await ctl.stop.wait()
        with contextlib.suppress(Exception):
            await queue.cancel(tag)
    finally:
        await connection.close()


async def role_consumer(opts: dict, ready: Ready, ctl: Control) -> None:
    """A service's consumer, built as shared.http.app builds it: FastStream broker,
    EventConsumers, the service's pool; the effect is one insert inside the inbox tx.
    Deferred: connects, says READY, and starts consuming only on `go`."""
    from shared.bus.broker import create_broker
    from shared.bus.consumer import EventConsumers

    pool = await create_pool(opts["database_url"], opts["schema"])
    broker = create_broker(opts["amqp_url"], app_id=SOURCE)  # prefetch, logging: as deployed
    consumers = EventConsumers(broker, opts["consumer"], lambda: pool)

    @consumers.on(BenchMeasured)
    async def record(conn: asyncpg.Connection, event: CloudEvent[Any]) -> None:
        if event.subject != opts["consumer"]:
            return  # another run's event
        await conn.execute(
            "INSERT INTO bench_effect (event_id, seq) VALUES ($1, $2)", event.id, event.data.seq
        )

    try:
        connection = await aio_pika.connect(opts["amqp_url"], timeout=5)
        async with connection:
            await consumers.declare_dead_letter_queues(await connection.channel())
        if opts.get("deferred"):
            await asyncio.wait_for(broker.connect(), 30)
            ready("READY")
            if not await ctl.wait_for_go():
                return
        await asyncio.wait_for(broker.start(), 30)
        ready("READY" if not opts.get("deferred") else "STARTED")
        await ctl.stop.wait()
    finally:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(broker.stop(), 15)
        await pool.close()


async def role_relay(opts: dict, ready: Ready, ctl: Control) -> None:
    relay = OutboxRelay(RelayConfig(opts["database_url"], opts["amqp_url"], opts["schema"]))
    ready("READY")  # connected or not: the warm-up events prove it is working
    await relay.run(ctl.stop)


ROLES: dict[str, Callable[[dict, Ready, Control], Awaitable[None]]] = {
    "raw-consumer": role_raw_consumer,
    "consumer": role_consumer,
    "relay": role_relay,
}


class Role:
    """A role running as an asyncio task here, or in a subprocess of this script."""

    def __init__(self, name: str, opts: dict, in_process: bool) -> None:
        self.name = name
        self.opts = opts
        self.in_process = in_process
        self.lines: asyncio.Queue[str] = asyncio.Queue()
        self._ctl = Control()
        self._task: asyncio.Task | None = None
        self._proc: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task | None = None

    async def start(self, timeout: float = 30) -> None:
        self._ctl = Control()  # a role can be started again after a stop
        self.lines = asyncio.Queue()
        if self.in_process:
            self._task = asyncio.create_task(
                ROLES[self.name](self.opts, self.lines.put_nowait, self._ctl)
            )
        else:
            # The options (URLs included) go through the environment, not the command line.
            self._proc = await asyncio.create_subprocess_exec(
                sys.executable, str(Path(__file__).resolve()), "--role", self.name,
                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                env={**os.environ, ROLE_OPTIONS: json.dumps(self.opts)},
            )
            OWN_PIDS[self._proc.pid] = self.name
            self._reader = asyncio.create_task(self._read_lines())
        line = await self.expect("READY", timeout)
        assert line == "READY"

    async def _read_lines(self) -> None:
        assert self._proc is not None and self._proc.stdout is not None
        while line := await self._proc.stdout.readline():
            self.lines.put_nowait(line.decode().strip())

    async def expect(self, prefix: str, timeout: float) -> str:
        deadline = Deadline(timeout, f"{self.name}: {prefix}")
        while True:
            failed = self._task is not None and self._task.done()
            failed = failed or (self._proc is not None and self._proc.returncode is not None
                                and self.lines.empty())
            if failed:
                if self._task is not None and self._task.exception() is not None:
                    raise RuntimeError(f"{self.name} failed") from self._task.exception()
                raise RuntimeError(f"{self.name} stopped before {prefix}")
            try:
                line = await asyncio.wait_for(self.lines.get(), min(0.5, max(deadline.left(), 0)))
            except TimeoutError:
                deadline.check()
                continue
            if line.startswith(prefix):
                return line

    async def go(self, timeout: float = 30) -> None:
        """A deferred consumer starts consuming; returns once it does."""
        if self._proc is not None:
            assert self._proc.stdin is not None
            self._proc.stdin.write(b"GO\n")
            await self._proc.stdin.drain()
        else:
            self._ctl.go.set()
        await self.expect("STARTED", timeout)

    async def stop(self, timeout: float = 20) -> None:
        self._ctl.stop.set()
        if self._task is not None:
            try:
                await asyncio.wait_for(self._task, timeout)
            except TimeoutError:
                self._task.cancel()
                with contextlib.suppress(BaseException):
                    await self._task
            self._task = None
        if self._proc is not None:
            if self._proc.stdin is not None:
                self._proc.stdin.close()  # EOF: the child stops by itself
            try:
                await asyncio.wait_for(self._proc.wait(), timeout)
            except TimeoutError:
                self._proc.kill()
                await asyncio.wait_for(self._proc.wait(), 5)
            if self._reader is not None:
                self._reader.cancel()
            self._proc = None

    def kill(self) -> None:
        """Last resort in cleanup: no awaiting."""
        if self._task is not None:
            self._task.cancel()
        if self._proc is not None and self._proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self._proc.kill()


def run_child(args: argparse.Namespace) -> None:
    """Entry point of a subprocess role: READY/STARTED/DONE lines on stdout; GO on stdin
    starts a deferred consumer, stdin EOF stops the role."""
    opts = json.loads(os.environ[ROLE_OPTIONS])
    out = quiet_logging(opts["log_level"])

    def emit(line: str) -> None:
        out.write(line + "\n")
        out.flush()

    async def main() -> None:
        loop = asyncio.get_running_loop()
        ctl = Control()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, ctl.stop.set)

        def read_stdin() -> None:
            for line in sys.stdin:
                if line.strip() == "GO":
                    loop.call_soon_threadsafe(ctl.go.set)
            loop.call_soon_threadsafe(ctl.stop.set)

        threading.Thread(target=read_stdin, daemon=True).start()
        await ROLES[args.role](opts, emit, ctl)

    asyncio.run(main())


# --- the measurements ---------------------------------------------------------------------


async def bench_raw(args: argparse.Namespace, queue_name: str, body: bytes) -> dict:
    n = args.events
    publisher = await aio_pika.connect(args.amqp_url, timeout=5)
    consumer: Role | None = None
    try:
        channel = await publisher.channel(publisher_confirms=True, on_return_raises=True)
        await channel.declare_queue(queue_name, durable=True,
                                    arguments={"x-queue-type": "quorum"})
        consumer = Role("raw-consumer", {**common_opts(args), "queue": queue_name},
                        args.layout == "inprocess")
        await consumer.start()
        exchange = channel.default_exchange

        async def publish(i: int) -> None:
            await exchange.publish(
                aio_pika.Message(body=body, content_type="application/cloudevents+json",
                                 delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
                                 message_id=str(i), type=BenchMeasured.event_type),
                routing_key=queue_name, mandatory=True, timeout=10,
            )

        with CpuMeter() as cpu:
            started = time.monotonic()
            for first in range(0, n, PUBLISH_WINDOW):
                window = range(first, min(first + PUBLISH_WINDOW, n))
                await asyncio.gather(*(publish(i) for i in window))
            published = time.monotonic()
            done = await consumer.expect("DONE", args.timeout)
        last_ack = float(done.split()[1])
        return {"seconds": last_ack - started, "publish_seconds": published - started,
                "cpu": cpu}
    finally:
        if consumer is not None:
            await consumer.stop()
        await publisher.close()


async def stage_concurrently(pool: asyncpg.Pool, seqs: range, run: str,
                             deadline: Deadline) -> None:
    """Each event in its own transaction, WRITERS at a time, as a service's requests would."""
    it = iter(seqs)

    async def writer() -> None:
        for seq in it:
            deadline.check()
            async with pool.acquire() as conn, conn.transaction():
                await stage_event(conn, bench_event(seq, run))

    await asyncio.gather(*(writer() for _ in range(WRITERS)))


async def wait_for_count(conn: asyncpg.Connection, query: str, target: int,
                         deadline: Deadline) -> float:
    while True:
        if await conn.fetchval(query) >= target:
            return time.monotonic()
        deadline.check()
        await asyncio.sleep(POLL_INTERVAL)


EFFECTS = "SELECT count(*) FROM bench_effect"
PENDING = "SELECT count(*) FROM outbox WHERE published_at IS NULL"


def percentiles(values: list[float]) -> dict:
    values = sorted(values)
    if not values:
        return {}
    q = statistics.quantiles(values, n=100) if len(values) > 1 else values * 99
    return {"p50": q[49], "p95": q[94], "max": values[-1]}


async def bench_platform(args: argparse.Namespace, schema: str, consumer_name: str,
                         roles: dict[str, Role]) -> tuple[dict, dict, dict]:
    n = args.events
    opts = {**common_opts(args), "schema": schema}
    in_process = args.layout == "inprocess"
    roles["relay"] = Role("relay", opts, in_process)
    roles["consumer"] = Role("consumer", {**opts, "consumer": consumer_name}, in_process)
    await roles["relay"].start()
    await roles["consumer"].start()

    pool = await create_pool(args.database_url, schema, max_size=WRITERS)
    probe = await connect(args.database_url, schema)
    try:
        # Warm-up: proves relay and consumer are connected, opens the pools' connections.
        deadline = Deadline(60, "warm-up events handled")
        await stage_concurrently(pool, range(-WARM_UP_EVENTS, 0), consumer_name, deadline)
        await wait_for_count(probe, EFFECTS, WARM_UP_EVENTS, deadline)

        deadline = Deadline(args.timeout, f"{n} effects")
        with CpuMeter() as cpu:
            started = time.monotonic()
            await stage_concurrently(pool, range(n), consumer_name, deadline)
            staged = time.monotonic()
            finished = await wait_for_count(probe, EFFECTS, WARM_UP_EVENTS + n, deadline)
        rows = await probe.fetch("""
            SELECT extract(epoch FROM o.published_at - o.created_at) AS in_outbox,
                   extract(epoch FROM e.handled_at - o.published_at) AS to_effect,
                   extract(epoch FROM e.handled_at - o.created_at) AS total
            FROM outbox o JOIN bench_effect e ON e.event_id = o.id WHERE e.seq >= 0""")
        batches = await probe.fetch("""
            SELECT count(*) AS size FROM outbox o JOIN bench_effect e ON e.event_id = o.id
            WHERE e.seq >= 0 GROUP BY o.published_at""")
        platform = {
            "seconds": finished - started,
            "cpu": cpu,
            "staging_seconds": staged - started,
            "latency": {key: percentiles([float(r[key]) for r in rows])
                        for key in ("in_outbox", "to_effect", "total")},
            "relay_batches": len(batches),
            "mean_batch": statistics.mean(r["size"] for r in batches) if batches else 0,
        }

        # C. The relay alone: stop the consumer, commit N rows at once, time the relay.
        await roles["consumer"].stop()
        deadline = Deadline(args.timeout, f"relay publishes {n} rows")
        async with pool.acquire() as conn:
            transaction = conn.transaction()
            await transaction.start()
            await conn.executemany(
                "INSERT INTO outbox (id, type, subject, body, correlation_id)"
                " VALUES ($1, $2, $3, $4, $5)",
                [(e.id, e.type, e.subject, e.to_json_bytes(), None)
                 for e in (bench_event(n + i, consumer_name) for i in range(n))],
            )
            with CpuMeter() as cpu:
                committed = time.monotonic()  # the relay sees the rows from the commit on
                await transaction.commit()
                relayed = await wait_for_count(probe, f"SELECT {n} - ({PENDING})", n, deadline)
        relay_only = {"seconds": relayed - committed, "cpu": cpu}

        # D. The consumer alone: the N events C published wait in its queue; start it.
        deadline = Deadline(args.timeout, f"consumer handles {n} queued events")
        before = await probe.fetchval(EFFECTS)
        roles["consumer"] = Role("consumer", {**opts, "consumer": consumer_name, "deferred": 1},
                                 in_process)
        await roles["consumer"].start()  # connected, not consuming yet
        with CpuMeter() as cpu:
            started = time.monotonic()
            await roles["consumer"].go()
            drained = await wait_for_count(probe, EFFECTS, before + n, deadline)
        consumer_only = {"seconds": drained - started, "cpu": cpu}
        return platform, relay_only, consumer_only
    finally:
        await probe.close()
        await pool.close()


def common_opts(args: argparse.Namespace) -> dict:
    return {"events": args.events, "amqp_url": args.amqp_url,
            "database_url": args.database_url, "log_level": args.log_level}


# --- machine, versions, report ------------------------------------------------------------


def machine() -> dict:
    cpu = "unknown"
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = "unknown"
    with contextlib.suppress(OSError), open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024**2:.1f} GiB"
                break
    load = "unknown"
    with contextlib.suppress(OSError), open("/proc/loadavg") as f:
        load = f.read().split()[0]
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram": ram, "load": load,
            "python": platform.python_version(), "kernel": platform.release()}


async def versions(args: argparse.Namespace) -> dict:
    connection = await aio_pika.connect(args.amqp_url, timeout=5)
    try:
        props = connection.transport.connection.server_properties
        broker = f"{props.get('product', '?')} {props.get('version', '?')}" \
                 f" ({props.get('platform', '?')})"
    finally:
        await connection.close()
    conn = await connect(args.database_url)
    try:
        pg = await conn.fetchval("SHOW server_version")
        sync = await conn.fetchval("SHOW synchronous_commit")
    finally:
        await conn.close()
    return {"broker": broker, "postgresql": f"PostgreSQL {pg} (synchronous_commit={sync})"}


def report(out: TextIO, args: argparse.Namespace, info: dict, raw: dict, plat: dict,
           relay: dict, consumer: dict, body_size: int) -> None:
    def print(*lines: str) -> None:  # noqa: A001 - the report goes to the real stdout
        out.write("".join(lines) + "\n")

    n = args.events
    raw_rate = n / raw["seconds"]
    plat_rate = n / plat["seconds"]
    relay_rate = n / relay["seconds"]
    rows = [
        ("raw aio-pika (publish+confirm -> consume+ack)", f"{raw_rate:,.0f} ev/s",
         f"{raw['seconds']:.2f} s"),
        ("platform (outbox -> relay -> consumer+inbox)", f"{plat_rate:,.0f} ev/s",
         f"{plat['seconds']:.2f} s"),
        ("ratio platform / raw (goal >= 0.5)", f"{plat_rate / raw_rate:.2f}", ""),
        ("relay only (committed outbox -> published)", f"{relay_rate:,.0f} ev/s",
         f"{relay['seconds']:.2f} s"),
        ("consumer only (queued -> effect committed)", f"{n / consumer['seconds']:,.0f} ev/s",
         f"{consumer['seconds']:.2f} s"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"\nBus benchmark: N={n} events, layout={args.layout}, log level {args.log_level}")
    print(f"machine: {info['nproc']} CPU, {info['cpu']}, {info['ram']} RAM, "
          f"Python {info['python']}, Linux {info['kernel']}")
    print(f"broker: {info['broker']}; database: {info['postgresql']}")
    print(f"load average (1 min) at start: {info['load']}; CPU used by other processes "
          "during each phase is listed as `other` below\n")
    for label, rate, secs in rows:
        print(f"  {label:<{width}}  {rate:>12}  {secs:>8}")
    print("\ndetails:")
    print(f"  message body: {body_size} bytes (a CloudEvent with a {len(PAYLOAD)}-char payload)")
    print(f"  raw: all {n} confirms after {raw['publish_seconds']:.2f} s")
    for label, phase in (("raw", raw), ("platform", plat), ("relay only", relay),
                         ("consumer only", consumer)):
        print(f"  {label}: {phase['cpu'].summary(n)}")
    print(f"  platform: {n} outbox transactions by {WRITERS} writers in "
          f"{plat['staging_seconds']:.2f} s ({n / plat['staging_seconds']:,.0f} tx/s); "
          f"relay batches: {plat['relay_batches']} (mean {plat['mean_batch']:.1f} rows)")
    for key, label in (("in_outbox", "insert -> relay batch"),
                       ("to_effect", "relay batch -> effect tx"),
                       ("total", "insert -> effect tx")):
        p = plat["latency"][key]
        if p:
            print(f"  latency {label:<25} p50 {p['p50'] * 1000:7.1f} ms  "
                  f"p95 {p['p95'] * 1000:7.1f} ms  max {p['max'] * 1000:7.1f} ms")


# --- setup and cleanup --------------------------------------------------------------------


async def create_schema(args: argparse.Namespace, schema: str) -> None:
    await ensure_database(args.database_url)
    await asyncio.to_thread(apply_migrations, args.database_url, schema, Path("/nonexistent"))
    conn = await connect(args.database_url, schema)
    try:
        await conn.execute("""
            CREATE TABLE bench_effect (
                event_id   uuid PRIMARY KEY,
                seq        integer NOT NULL,
                handled_at timestamptz NOT NULL DEFAULT clock_timestamp()
            )""")
    finally:
        await conn.close()


async def cleanup(args: argparse.Namespace, queues: list[str], schema: str | None) -> list[str]:
    """Delete what the run created; retried for up to 60 s (the broker or the database may
    be restarting). Returns what could not be deleted."""
    deadline = Deadline(60, "cleanup")
    queues = list(queues)
    problems: list[str] = []
    while True:
        problems = []
        try:
            connection = await aio_pika.connect(args.amqp_url, timeout=5)
            async with connection:
                for name in list(queues):
                    channel = await connection.channel()
                    try:
                        await asyncio.wait_for(channel.queue_delete(name), 10)
                        queues.remove(name)
                    except Exception as exc:  # one failure must not keep the others
                        problems.append(f"queue {name}: {type(exc).__name__}: {exc}")
        except Exception as exc:
            problems.append(f"broker: {type(exc).__name__}: {exc}")
        if schema is not None:
            try:
                conn = await connect(args.database_url)
                try:
                    await asyncio.wait_for(
                        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'), 30)
                    schema = None
                finally:
                    await conn.close()
            except Exception as exc:
                problems.append(f"schema {schema}: {type(exc).__name__}: {exc}")
        if not problems or deadline.left() <= 0:
            return problems
        await asyncio.sleep(2)


async def run_bench(args: argparse.Namespace) -> int:
    tag = secrets.token_hex(4)
    raw_queue = f"bench.raw.{tag}"
    schema = f"bench_{tag}"
    consumer_name = f"bench{tag}"
    platform_queue = topology.consumer_queue_name(consumer_name, BenchMeasured.event_type)
    queues = [raw_queue, platform_queue, topology.dead_letter_queue_name(platform_queue)]
    roles: dict[str, Role] = {}
    created_schema = False
    main_task = asyncio.current_task()
    assert main_task is not None
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, main_task.cancel)
    out = quiet_logging(args.log_level)
    OWN_PIDS[os.getpid()] = "bench" if args.layout == "processes" else "bench (all roles)"
    try:
        await ensure_database(args.database_url)
        info = {**machine(), **await versions(args)}
        body = bench_event(0).to_json_bytes()
        raw = await bench_raw(args, raw_queue, body)
        await create_schema(args, schema)
        created_schema = True
        plat, relay, consumer = await bench_platform(args, schema, consumer_name, roles)
        report(out, args, info, raw, plat, relay, consumer, len(body))
        return 0
    finally:
        for role in roles.values():
            with contextlib.suppress(Exception):
                await role.stop()
            role.kill()
        problems = await cleanup(args, queues, schema if created_schema else None)
        for problem in problems:
            print(f"cleanup failed: {problem}", file=sys.stderr)
        if problems:
            print(f"delete by hand: queues {', '.join(queues)} (a leftover queue keeps "
                  f"receiving every later run's events), schema {schema} of "
                  f"{args.database_url}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--layout", choices=("processes", "inprocess"), default="processes")
    parser.add_argument("--amqp-url", default=os.environ.get("AMQP_URL", DEFAULT_AMQP_URL))
    parser.add_argument("--database-url",
                        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--log-level", default="INFO",
                        help="level of the services' logs (rendered, sent to /dev/null)")
    parser.add_argument("--timeout", type=float, default=300,
                        help="deadline in seconds of each measured phase")
    # internal: a role in a subprocess (its options in the environment, ROLE_OPTIONS)
    parser.add_argument("--role", choices=sorted(ROLES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.role:
        run_child(args)
        return
    if args.events < 1:
        parser.error("--events must be at least 1")
    try:
        sys.exit(asyncio.run(run_bench(args)))
    except (KeyboardInterrupt, asyncio.CancelledError):
        print("interrupted", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":
    main()
