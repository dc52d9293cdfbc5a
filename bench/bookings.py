"""Bookings benchmark: the real service against a bare asyncpg insert into the same table.

    .venv/bin/python bench/bookings.py [--bookings N] [--concurrency C] [--rounds R]

One run, one PostgreSQL, a throw-away schema with the bookings migrations, five measurements:

A. bare asyncpg, distinct resources: N single-row INSERTs into `bookings` (one transaction
   each, autocommit), C at a time over a pool of 10 connections (the service's pool size),
   each on its own resource; bookings per second.
B. the service, distinct resources: N `POST /api/bookings` over HTTP to the real app
   (uvicorn, in its own process, as `soho serve` runs it), C at a time, each on its own
   resource, from 50 members; bookings per second, p50/p99 latency. Each request checks the
   token, the member, the opening hours and closures, locks the member for the weekly quota,
   inserts under the exclusion constraint and stages `desk.booked` in the outbox.
C. the service, one contended slot: R rounds; in each, C members ask for the same slot of
   one resource at once (one 201, C-1 409s); p50/p99 latency of every request.
D. bare asyncpg, one contended slot: the same R rounds of C concurrent transactions that
   lock the resource row then INSERT the slot, as the service does (one succeeds, the
   exclusion constraint refuses the rest at once); p50/p99.
E. bare asyncpg, one contended slot, plain INSERTs racing without the lock: the exclusion
   constraint still admits one at most, but two racers may wait on each other's uncommitted
   row until PostgreSQL's deadlock detector (deadlock_timeout, 1 s) aborts one; p50/p99 and
   the number of deadlocks. This is why the service locks the resource row first.

The outbox relay is not running: events wait in the outbox (publishing is measured by
bench/bus.py). The schema is dropped at the end, also on failure or Ctrl-C.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import platform
import secrets
import socket
import statistics
import subprocess
import sys
import time
import uuid
from datetime import date, datetime, time as wall_time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository's packages

import asyncpg  # noqa: E402
import httpx  # noqa: E402

from services.bookings.app import SERVICE  # noqa: E402
from services.bookings.domain.holidays import public_holiday  # noqa: E402
from shared.auth import Role, issue_token  # noqa: E402
from shared.config import DEVELOPMENT_SECRET  # noqa: E402
from shared.db import asyncpg_dsn, ensure_database  # noqa: E402
from shared.migrations import apply_migrations  # noqa: E402
from shared.reference.calendar import PARIS  # noqa: E402

DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/soho_bench"
POOL_SIZE = 10  # shared.db.create_pool's default: the service's own pool
MEMBERS = 50


# --- the service, in its own process ------------------------------------------------------

def serve(schema: str, port: int) -> None:
    """Child process: the bookings app on `schema`, without consumers or periodic jobs."""
    import uvicorn

    from services.bookings.config import BookingsSettings
    from shared.http.app import create_app

    definition = dataclasses.replace(SERVICE, name=schema, subscribe=None, periodic=[],
                                     seed=None)
    settings = BookingsSettings(BOOKINGS_RATE_LIMIT_PER_MINUTE=10**9,
                                BOOKINGS_WEEKLY_QUOTA_HOURS=10**6, SOHO_LOG_LEVEL="WARNING")
    uvicorn.run(create_app(definition, settings), host="127.0.0.1", port=port,
                log_level="warning", access_log=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the data ------------------------------------------------------------------------------

def bench_day() -> date:
    day = datetime.now(PARIS).date() + timedelta(days=7)
    while public_holiday(day):
        day += timedelta(days=1)
    return day


def slot(day: date, hour: int) -> tuple[datetime, datetime]:
    start = datetime.combine(day, wall_time(hour), tzinfo=PARIS)
    return start, start + timedelta(hours=1)


async def populate(conn: asyncpg.Connection, resources: int) -> tuple[list, list]:
    """A place open every day 07:00-21:00, `resources` meeting rooms, MEMBERS members."""
    place = uuid.uuid4()
    await conn.execute("INSERT INTO places (id, kind, name, insee_code, commune, address, demo)"
                       " VALUES ($1, 'telecentre', 'Banc d''essai', '32013', 'Auch', '-', true)",
                       place)
    await conn.executemany("INSERT INTO opening_hours VALUES ($1, $2, '07:00', '21:00')",
                           [(place, d) for d in range(7)])
    rooms = [uuid.uuid4() for _ in range(resources)]
    await conn.executemany("INSERT INTO resources (id, place_id, kind, name, capacity, "
                           "booking_mode) VALUES ($1, $2, 'meeting_room', $3, 4, 'hour')",
                           [(r, place, f"Salle {n}") for n, r in enumerate(rooms)])
    members = [uuid.uuid4() for _ in range(MEMBERS)]
    await conn.executemany("INSERT INTO members (member_id, prospect_id, village_insee, "
                           "village_name, installed_on, feed_token) VALUES "
                           "($1, $2, '32013', 'Auch', '2026-01-01', $3)",
                           [(m, uuid.uuid4(), secrets.token_urlsafe(32)) for m in members])
    return rooms, members


# --- measuring -----------------------------------------------------------------------------

async def timed_all(jobs: list, concurrency: int) -> tuple[float, list[float], list]:
    """Run coroutine factories C at a time; wall time, each one's latency, their results."""
    gate = asyncio.Semaphore(concurrency)
    latencies: list[float] = []
    results: list = []

    async def one(job):
        async with gate:
            started = time.perf_counter()
            results.append(await job())
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*[one(job) for job in jobs])
    return time.perf_counter() - started, latencies, results


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 \
        else values[0]


INSERT = ("INSERT INTO bookings (id, resource_id, member_id, starts_at, ends_at) "
          "VALUES ($1, $2, $3, $4, $5)")


LOCK_RESOURCE = "SELECT 1 FROM resources WHERE id = $1 FOR NO KEY UPDATE"


async def bare_insert(pool: asyncpg.Pool, room, member, period, lock: bool = False) -> str:
    """One booking row in its own transaction: "ok", "conflict" (the exclusion constraint
    refused it) or "deadlock" (two racing inserts waited on each other; PostgreSQL aborted
    one after deadlock_timeout). With `lock`, the resource row is locked first, as the
    service does, so racers queue instead."""
    try:
        if not lock:  # autocommit: one round trip
            await pool.execute(INSERT, uuid.uuid4(), room, member, *period)
            return "ok"
        async with pool.acquire() as conn, conn.transaction():
            await conn.execute(LOCK_RESOURCE, room)
            await conn.execute(INSERT, uuid.uuid4(), room, member, *period)
        return "ok"
    except asyncpg.ExclusionViolationError:
        return "conflict"
    except asyncpg.DeadlockDetectedError:
        return "deadlock"


async def run(args: argparse.Namespace) -> dict:
    await ensure_database(args.database_url)
    schema = f"bench_bookings_{uuid.uuid4().hex[:8]}"
    await asyncio.to_thread(apply_migrations, args.database_url, schema, SERVICE.migrations_dir)
    dsn = asyncpg_dsn(args.database_url)
    pool = await asyncpg.create_pool(dsn, min_size=POOL_SIZE, max_size=POOL_SIZE,
                                     server_settings={"search_path": schema})
    port = free_port()
    env = {**os.environ, "DATABASE_URL": args.database_url}
    child = subprocess.Popen([sys.executable, __file__, "--serve", schema, "--port", str(port)],
                             env=env)
    try:
        async with pool.acquire() as conn:
            rooms, members = await populate(conn, args.bookings + args.rounds)
        day, secret = bench_day(), os.environ.get("SOHO_SECRET", DEVELOPMENT_SECRET)
        tokens = {m: {"Authorization": "Bearer " + issue_token(secret, Role.SOLO, member=m)}
                  for m in members}
        limits = httpx.Limits(max_connections=args.concurrency)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30,
                                     limits=limits) as client:
            await wait_until_up(client, child)
            await client.get("/api/telecentres", headers=tokens[members[0]])  # warm up

            def post(room, member, period):
                body = {"desk_id": str(room), "starts_at": period[0].isoformat(),
                        "ends_at": period[1].isoformat()}
                return lambda: client.post("/api/bookings", json=body, headers=tokens[member])

            distinct = rooms[:args.bookings]
            a = await timed_all([lambda r=r, n=n: bare_insert(pool, r, members[n % MEMBERS],
                                                              slot(day, 9))
                                 for n, r in enumerate(distinct)], args.concurrency)
            cpu_before = process_cpu(child.pid)
            b = await timed_all([post(r, members[n % MEMBERS], slot(day, 10))
                                 for n, r in enumerate(distinct)], args.concurrency)
            server_cpu = process_cpu(child.pid) - cpu_before
            assert all(r.status_code == 201 for r in b[2]), {r.status_code for r in b[2]}
            contended = {"c": [], "d": [], "e": []}
            outcomes = {"c": [], "d": [], "e": []}
            for n, room in enumerate(rooms[args.bookings:]):
                racers = [members[(n + k) % MEMBERS] for k in range(args.concurrency)]
                runs = {"c": [post(room, m, slot(day, 11)) for m in racers],
                        "d": [lambda m=m: bare_insert(pool, room, m, slot(day, 12), lock=True)
                              for m in racers],
                        "e": [lambda m=m: bare_insert(pool, room, m, slot(day, 13))
                              for m in racers]}
                for key, jobs in runs.items():
                    _, lat, res = await timed_all(jobs, args.concurrency)
                    contended[key] += lat
                    outcomes[key].append([getattr(r, "status_code", r) for r in res])
        assert all(o.count(201) == 1 and o.count(409) == len(o) - 1 for o in outcomes["c"]), \
            outcomes["c"]
        assert all(o.count("ok") == 1 for o in outcomes["d"]), outcomes["d"]
        assert all(o.count("ok") <= 1 for o in outcomes["e"]), outcomes["e"]
        deadlocks = sum(o.count("deadlock") for o in outcomes["e"])
        async with pool.acquire() as conn:
            pg = await conn.fetchval("SHOW server_version")
        return {"a": a, "b": b, **contended, "deadlocks": deadlocks, "pg": pg,
                "server_cpu": server_cpu}
    finally:
        child.terminate()
        child.wait(15)
        async with pool.acquire() as conn:
            await conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
        await pool.close()


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def wait_until_up(client: httpx.AsyncClient, child: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise RuntimeError("the bookings server exited")
        try:
            if (await client.get("/health")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.1)
    raise TimeoutError("the bookings server did not start within 30 s")


def report(args: argparse.Namespace, found: dict) -> None:
    ms = 1000

    def rate(measure) -> str:
        return f"{len(measure[1]) / measure[0]:8.0f} /s"

    def pcts(lat: list[float]) -> str:
        return f"p50 {percentile(lat, 50) * ms:7.1f} ms   p99 {percentile(lat, 99) * ms:7.1f} ms"

    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), "unknown")
    print(f"machine: {os.cpu_count()} CPU ({cpu}), Python {platform.python_version()}, "
          f"PostgreSQL {found['pg']}, load {open('/proc/loadavg').read().split()[0]}")
    print(f"run: {args.bookings} bookings, concurrency {args.concurrency}, "
          f"{args.rounds} contended rounds of {args.concurrency}")
    a, b = found["a"], found["b"]
    print(f"A bare asyncpg insert, distinct resources   {rate(a)}   {pcts(a[1])}")
    print(f"B service POST /api/bookings, distinct      {rate(b)}   {pcts(b[1])}")
    print(f"  service process CPU per booking           "
          f"{found['server_cpu'] / len(b[1]) * ms:8.2f} ms")
    ratio = (len(b[1]) / b[0]) / (len(a[1]) / a[0])
    print(f"  ratio service / bare                      {ratio:8.2f}")
    print(f"C service, one contended slot ({len(found['c'])} requests)   {pcts(found['c'])}")
    print(f"D bare asyncpg, lock + insert ({len(found['d'])} inserts)   {pcts(found['d'])}")
    print(f"E bare asyncpg, plain insert ({len(found['e'])} inserts)    {pcts(found['e'])}   "
          f"deadlocks {found['deadlocks']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bookings", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL",
                                                                 DEFAULT_DATABASE_URL))
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.port)
        return
    report(args, asyncio.run(run(args)))


if __name__ == "__main__":
    main()
