"""Scale-out benchmark: the whole pipeline's throughput with one copy of everything
(`soho up`) and with two (`soho up --replicas 2`), in the same run.

    .venv/bin/python bench/scaleout.py [--contacts 1000] [--concurrency 16] [--rounds 1]

The pipeline: `POST /api/contacts` (prospects: the contact and `contact.received` in one
transaction) -> the prospects relay publishes it -> notifications' consumer plans the
acknowledgement and the staff alert (inbox transaction) -> its sender delivers both to an
SMTP server (aiosmtpd, in this process, which notes when each message arrived); the
dashboard counts the contact on the way.

For each layout, in turn (1 replica, then 2; `--rounds` repeats the pair): a fresh `soho up`
on its own database and vhost (bench/platform_up.py), 20 contacts to warm it up, then
`--contacts` contacts posted `--concurrency` at a time (each with an Idempotency-Key, as
the form sends them), spread evenly over the copies of prospects. Throughput = contacts /
(first POST -> last acknowledgement at the SMTP server). Then the check: every contact got
exactly one acknowledgement and the staff address exactly one alert per contact, i.e. no
duplicates with two copies consuming each queue.

The machine's two cores are shared by every process of the platform, RabbitMQ, PostgreSQL,
this script and the SMTP server: a second copy of each process gives more workers, not more
CPU, so the ratio tells whether the pipeline was bound by one process's event loop (then two
copies help) or by the machine (then they cannot). The CPU columns tell which.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ itself
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository's packages

import httpx  # noqa: E402

from platform_up import (BenchPlatform, CpuByGroup, load_average, new_person,  # noqa: E402
                         stop_cleanly_on_sigterm, pct, post_contact, soho_up)
from tests.support.smtp import SmtpServer  # noqa: E402
from tests.support.waiting import wait_for  # noqa: E402

WARM_UP = 20


@dataclass
class Result:
    replicas: int
    contacts: int
    post_seconds: float
    pipeline_seconds: float
    ack_latencies: list[float]
    duplicates: int
    staff_alerts: int
    cpu: CpuByGroup
    load: str

    @property
    def throughput(self) -> float:
        return self.contacts / self.pipeline_seconds


async def post_contacts(client: httpx.AsyncClient, up: BenchPlatform, count: int,
                        concurrency: int, tag: str) -> dict[str, float]:
    """`count` contacts, `concurrency` at a time, round-robin over the prospects copies;
    returns each address with the moment its POST began."""
    urls = up.urls("prospects")
    started: dict[str, float] = {}
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(count):
        queue.put_nowait(n)

    async def worker() -> None:
        while not queue.empty():
            n = queue.get_nowait()
            person = new_person(tag)
            started[person["email"]] = time.time()
            await post_contact(client, urls[n % len(urls)], person)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return started


async def measure(replicas: int, args: argparse.Namespace, smtp: SmtpServer,
                  run: int) -> Result:
    staff = f"staff-{replicas}-{run}-{os.getpid()}@soho-solo.example.org"
    env = {"NOTIFICATIONS_STAFF_EMAILS": staff}
    print(f"\n{replicas} replica(s): starting soho up --replicas {replicas} ...", flush=True)
    async with soho_up(replicas=replicas, smtp_url=smtp.url, env=env,
                       log_level=args.log_level) as up, httpx.AsyncClient(timeout=60) as client:
        print(f"  up: {len(up.processes())} processes; warming up", flush=True)
        warm = await post_contacts(client, up, WARM_UP, 4, f"warm{replicas}")
        await wait_for(lambda: all(smtp.to(a) for a in warm), timeout=120, interval=0.2,
                       message="the warm-up acknowledgements")

        load, cpu = load_average(), CpuByGroup(up)
        cpu.start()
        began = time.time()
        started = await post_contacts(client, up, args.contacts, args.concurrency,
                                      f"r{replicas}x{run}")
        posted = time.time()
        await wait_for(lambda: all(smtp.to(a) for a in started), timeout=args.timeout,
                       interval=0.2, message="every acknowledgement at the SMTP server")
        last = max(smtp.to(a)[0].received_at for a in started)
        cpu.stop()
        # Staff alerts go out beside the acknowledgements; they must all arrive too.
        expected_alerts = WARM_UP + args.contacts
        await wait_for(lambda: len(smtp.to(staff)) >= expected_alerts, timeout=args.timeout,
                       interval=0.2, message="every staff alert")
        return Result(
            replicas=replicas, contacts=args.contacts, post_seconds=posted - began,
            pipeline_seconds=last - began,
            ack_latencies=[smtp.to(a)[0].received_at - t for a, t in started.items()],
            duplicates=sum(len(smtp.to(a)) - 1 for a in [*started, *warm]),
            staff_alerts=len(smtp.to(staff)), cpu=cpu, load=load)


def report(results: list[Result], args: argparse.Namespace) -> bool:
    print(f"\n{args.contacts} contacts per layout, {args.concurrency} POSTs at a time; "
          f"times from the first POST")
    print(f"{'replicas':>8} {'POST/s':>8} {'acknowledged/s':>15} {'ack p50':>9} "
          f"{'ack p99':>9} {'dup':>4} {'alerts':>7} {'platform CPU/contact':>21} "
          f"{'machine busy':>13}  load at start")
    ok = True
    for r in results:
        ms = [x * 1000 for x in r.ack_latencies]
        alerts_ok = r.staff_alerts == WARM_UP + r.contacts
        ok = ok and r.duplicates == 0 and alerts_ok
        print(f"{r.replicas:>8} {r.contacts / r.post_seconds:>8.0f} {r.throughput:>15.1f} "
              f"{pct(ms, 50):>7.0f}ms {pct(ms, 99):>7.0f}ms {r.duplicates:>4} "
              f"{r.staff_alerts:>7} {r.cpu.groups['platform'] * 1000 / r.contacts:>18.1f} ms "
              f"{r.cpu.busy:>12.0%}  {r.load}")
    for r in results:
        print(f"  {r.replicas} replica(s), first POST -> last acknowledgement: "
              f"{r.cpu.summary()}\n    platform by role: {r.cpu.per_role(r.contacts, 'contact')}")
    ones = [r.throughput for r in results if r.replicas == 1]
    twos = [r.throughput for r in results if r.replicas == 2]
    for one, two in zip(ones, twos, strict=True):
        print(f"ratio 2 replicas / 1 replica: {two / one:.2f}  ({two:.1f} / {one:.1f} "
              f"contacts acknowledged per second)")
    print("duplicates: none" if ok else
          "DUPLICATES OR MISSING MESSAGES: see the dup and alerts columns "
          f"(expected 0 and {WARM_UP + args.contacts})")
    return ok


async def main(args: argparse.Namespace) -> int:
    print(f"machine: {platform.node()}, {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}; load average {load_average()}", flush=True)
    smtp = SmtpServer().start()
    results = []
    try:
        for run in range(args.rounds):
            for replicas in (1, 2):
                results.append(await measure(replicas, args, smtp, run))
    finally:
        smtp.stop()
    return 0 if report(results, args) else 1


if __name__ == "__main__":
    stop_cleanly_on_sigterm()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=16, help="POSTs in flight")
    parser.add_argument("--rounds", type=int, default=1, help="pairs of (1, 2 replicas)")
    parser.add_argument("--log-level", default="INFO", help="the services' SOHO_LOG_LEVEL")
    parser.add_argument("--timeout", type=float, default=600,
                        help="deadline for the last acknowledgement, seconds")
    sys.exit(asyncio.run(main(parser.parse_args())))
