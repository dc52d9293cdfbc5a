"""Memory benchmark: resident memory (RSS) of every process `soho up` runs, idle and under
load, beside bare Python processes measured in the same run. Goal: under 150 MB each.

    .venv/bin/python bench/memory.py [--idle-seconds 10] [--load-seconds 40] [--members 6]

RSS is VmRSS from /proc/<pid>/status, sampled every 0.25 s:

- idle: the highest sample over `--idle-seconds` once every service is ready;
- under load: the highest sample while the load runs (`--load-seconds`), members are made
  first (contact -> qualified -> case -> installed -> known to bookings): workers post
  contacts (prospects; notifications and dashboard consume them), book and cancel desks
  (bookings; confirmations with their .ics), read the key figures (dashboard), the villages and
  cases (onboarding), the delivery log (notifications) and the prospects list;
- after: one sample 5 s after the load stopped.

Baselines, in the same run and under the same machine load:
- a bare interpreter (`python -c` waiting on stdin);
- a bare app: FastAPI + uvicorn + one asyncpg pool (10 connections) answering `SELECT 1`,
  hit by one client without pause while the platform's load runs.
Every process here runs the same Python and the same installed packages.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import platform
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ itself
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository's packages

import httpx  # noqa: E402

from platform_up import (BenchPlatform, CpuByGroup, load_average, new_person,  # noqa: E402
                         stop_cleanly_on_sigterm, post_contact, rss_kib, soho_up)
from shared.db import asyncpg_dsn  # noqa: E402
from tests.support.smtp import free_port  # noqa: E402
from tests.support.waiting import wait_for  # noqa: E402

GOAL_MB = 150
SAMPLE_EVERY = 0.25
QUALIFICATION = {"remote_work_viability": "confirmed", "household_adults": 2,
                 "household_children": 1, "move_horizon": "within_6_months",
                 "sector": "engineering"}
BARE_APP = """
import contextlib, os, asyncpg, uvicorn
from fastapi import FastAPI

@contextlib.asynccontextmanager
async def lifespan(app):
    app.state.pool = await asyncpg.create_pool(os.environ["BARE_DSN"], min_size=0, max_size=10)
    yield
    await app.state.pool.close()

app = FastAPI(lifespan=lifespan)

@app.get("/")
async def one():
    async with app.state.pool.acquire() as conn:
        return {"one": await conn.fetchval("SELECT 1")}

uvicorn.run(app, host="127.0.0.1", port=int(os.environ["BARE_PORT"]), log_level="warning")
"""


class Peaks:
    """The highest RSS seen per process name, sampled in the background."""

    def __init__(self, processes) -> None:
        self.processes = processes  # () -> {name: pid}
        self.peak: dict[str, int] = {}
        self._task: asyncio.Task | None = None

    def sample(self) -> dict[str, int]:
        now = {name: kib for name, pid in self.processes().items()
               if (kib := rss_kib(pid)) is not None}
        for name, kib in now.items():
            self.peak[name] = max(self.peak.get(name, 0), kib)
        return now

    async def _run(self) -> None:
        while True:
            self.sample()
            await asyncio.sleep(SAMPLE_EVERY)

    def start(self) -> Peaks:
        self.peak = {}
        self._task = asyncio.create_task(self._run())
        return self

    async def stop(self) -> dict[str, int]:
        assert self._task is not None
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self.sample()
        return dict(self.peak)


# --- members, so that bookings has real traffic ----------------------------------------------

async def make_member(client: httpx.AsyncClient, up: BenchPlatform) -> str:
    staff = up.staff_headers()
    prospects, onboarding = up.urls("prospects")[0], up.urls("onboarding")[0]
    prospect_id = (await post_contact(client, prospects, new_person("member"))).json()[
        "prospect_id"]
    response = await client.post(f"{prospects}/api/prospects/{prospect_id}/qualify",
                                 json=QUALIFICATION, headers=staff)
    response.raise_for_status()

    async def case() -> list:
        return (await client.get(f"{onboarding}/api/cases", params={"prospect_id": prospect_id},
                                 headers=staff)).json()

    [opened] = await wait_for(case, timeout=120, interval=0.3, message="a case opened")
    today = dt.datetime.now(dt.UTC).date()
    response = await client.post(f"{onboarding}/api/cases/{opened['id']}/install", headers=staff,
                                 json={"village": "32013", "installed_on": today.isoformat(),
                                       "household_size": 3})
    response.raise_for_status()
    member_id = response.json()["member_id"]

    async def known_to_bookings() -> bool:
        me = await client.get(f"{up.urls('bookings')[0]}/api/me",
                              headers=up.solo_headers(member_id))
        return me.status_code == 200

    await wait_for(known_to_bookings, timeout=120, interval=0.3, message="member in bookings")
    return member_id


async def book_and_cancel(client: httpx.AsyncClient, up: BenchPlatform, member_id: str,
                          stop: asyncio.Event, done: Counter) -> None:
    """Books the first free slot it finds in the next two weeks, cancels it, again."""
    bookings, solo = up.urls("bookings")[0], up.solo_headers(member_id)
    places = (await client.get(f"{bookings}/api/telecentres", headers=solo)).json()
    today = dt.datetime.now(dt.UTC).date()
    turn = 0
    while not stop.is_set():
        turn += 1
        try:
            await _book_and_cancel_once(client, bookings, solo, places, today, turn, done)
        except httpx.TransportError as exc:  # counted, not fatal: the load goes on
            done[f"booking {type(exc).__name__}"] += 1


async def _book_and_cancel_once(client: httpx.AsyncClient, bookings: str, solo: dict,
                                places: list, today: dt.date, turn: int,
                                done: Counter) -> None:
    place = places[turn % len(places)]
    day = today + dt.timedelta(days=1 + turn % 14)
    free = (await client.get(f"{bookings}/api/telecentres/{place['id']}/availability",
                             params={"date": day.isoformat()}, headers=solo)).json()
    slots = [(d["desk_id"], s) for d in free.get("desks", []) for s in d["free_slots"]]
    if not slots:
        return
    desk_id, slot = slots[turn % len(slots)]
    booked = await client.post(f"{bookings}/api/bookings", headers=solo,
                               json={"desk_id": desk_id, **slot})
    done[f"booking {booked.status_code}"] += 1
    if booked.status_code == 201:
        cancelled = await client.delete(
            f"{bookings}/api/bookings/{booked.json()['booking_id']}", headers=solo)
        done[f"cancel {cancelled.status_code}"] += 1


async def keep_reading(client: httpx.AsyncClient, url: str, headers: dict, what: str,
                       stop: asyncio.Event, done: Counter) -> None:
    while not stop.is_set():
        try:
            response = await client.get(url, headers=headers)
        except httpx.TransportError as exc:  # counted, not fatal: the load goes on
            done[f"{what} {type(exc).__name__}"] += 1
            continue
        done[f"{what} {response.status_code}"] += 1


async def keep_posting(client: httpx.AsyncClient, url: str, stop: asyncio.Event,
                       done: Counter) -> None:
    while not stop.is_set():
        await post_contact(client, url, new_person("load"))
        done["contact 202"] += 1


async def load(up: BenchPlatform, args: argparse.Namespace, bare_url: str) -> Counter:
    done: Counter = Counter()
    stop = asyncio.Event()
    staff = up.staff_headers()
    async with httpx.AsyncClient(timeout=60) as client:
        members = await asyncio.gather(*(make_member(client, up) for _ in range(args.members)))
        prospects, onboarding = up.urls("prospects")[0], up.urls("onboarding")[0]
        dashboard, notifications = up.urls("dashboard")[0], up.urls("notifications")[0]
        workers = [
            *(keep_posting(client, prospects, stop, done) for _ in range(3)),
            *(book_and_cancel(client, up, m, stop, done) for m in members),
            keep_reading(client, f"{dashboard}/api/kpis", staff, "kpis", stop, done),
            keep_reading(client, f"{dashboard}/api/kpis.csv", staff, "kpis.csv", stop, done),
            keep_reading(client, f"{onboarding}/api/villages", staff, "villages", stop, done),
            keep_reading(client, f"{onboarding}/api/cases", staff, "cases", stop, done),
            keep_reading(client, f"{notifications}/api/notifications", staff,
                         "notifications", stop, done),
            keep_reading(client, f"{prospects}/api/prospects", staff, "prospects", stop, done),
            keep_reading(client, bare_url, {}, "bare app", stop, done),
        ]
        tasks = [asyncio.create_task(w) for w in workers]
        try:
            await asyncio.wait(tasks, timeout=args.load_seconds,
                               return_when=asyncio.FIRST_EXCEPTION)
            for task in tasks:
                if task.done() and task.exception():
                    raise task.exception()
        finally:
            stop.set()
            await asyncio.gather(*tasks, return_exceptions=True)
    done["members made"] = len(members)
    return done


# --- the run ---------------------------------------------------------------------------------

def start_baselines(database_url: str) -> tuple[subprocess.Popen, subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "BARE_DSN": asyncpg_dsn(database_url), "BARE_PORT": str(port)}
    bare_python = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"],
                                   stdin=subprocess.PIPE)
    bare_app = subprocess.Popen([sys.executable, "-c", BARE_APP], env=env)
    return bare_python, bare_app, f"http://127.0.0.1:{port}/"


async def main(args: argparse.Namespace) -> None:
    print(f"machine: {platform.node()}, {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}; load average {load_average()}", flush=True)
    async with soho_up(replicas=1, log_level=args.log_level) as up:
        bare_python, bare_app, bare_url = start_baselines(up.database_url)
        try:
            async with httpx.AsyncClient(timeout=5) as client:
                async def bare_ready() -> bool:
                    with contextlib.suppress(httpx.HTTPError):
                        return (await client.get(bare_url)).status_code == 200
                    return False

                await wait_for(bare_ready, timeout=60, message="the bare app answering")

            def processes() -> dict[str, int]:
                return {**up.processes(), "baseline: bare interpreter": bare_python.pid,
                        "baseline: FastAPI+uvicorn+asyncpg": bare_app.pid}

            print(f"idle for {args.idle_seconds:.0f} s ...", flush=True)
            peaks = Peaks(processes).start()
            await asyncio.sleep(args.idle_seconds)
            idle = await peaks.stop()

            print(f"load for {args.load_seconds:.0f} s (after making {args.members} members)"
                  f" ...", flush=True)
            cpu = CpuByGroup(up)
            cpu.start()
            peaks.start()
            done = await load(up, args, bare_url)
            loaded = await peaks.stop()
            cpu.stop()
            await asyncio.sleep(5)
            after = peaks.sample()
        finally:
            for process in (bare_python, bare_app):
                process.terminate()
                process.wait(10)
    report(idle, loaded, after, done, cpu)


def report(idle: dict[str, int], loaded: dict[str, int], after: dict[str, int],
           done: Counter, cpu: CpuByGroup) -> None:
    print(f"\nload done: {', '.join(f'{k}: {v}' for k, v in sorted(done.items()))}")
    print(f"during the load: {cpu.summary()}; load average now {load_average()}")
    print(f"\n{'process':<36} {'idle MB':>8} {'peak under load MB':>19} {'after MB':>9}  "
          f"goal < {GOAL_MB} MB")
    over = []
    for name in sorted(idle, key=lambda n: (n.startswith("baseline"), n)):
        mb = [d.get(name, 0) / 1024 for d in (idle, loaded, after)]
        verdict = "" if name.startswith("baseline") else (
            "ok" if max(mb) < GOAL_MB else "OVER")
        if verdict == "OVER":
            over.append(name)
        print(f"{name:<36} {mb[0]:>8.1f} {mb[1]:>19.1f} {mb[2]:>9.1f}  {verdict}")
    services = [n for n in idle if not n.startswith("baseline")]
    print(f"\n{len(services) - len(over)} of {len(services)} processes under {GOAL_MB} MB "
          f"at their peak" + (f"; over: {', '.join(over)}" if over else ""))


if __name__ == "__main__":
    stop_cleanly_on_sigterm()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--idle-seconds", type=float, default=10)
    parser.add_argument("--load-seconds", type=float, default=40)
    parser.add_argument("--members", type=int, default=6, help="members booking desks")
    parser.add_argument("--log-level", default="INFO", help="the services' SOHO_LOG_LEVEL")
    asyncio.run(main(parser.parse_args()))
