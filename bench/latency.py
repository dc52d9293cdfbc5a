"""Latency benchmark: from sending the public form to the acknowledgement arriving at an SMTP
server, p50/p99 at 20 contacts a second, beside one raw SMTP send to that server.

    .venv/bin/python bench/latency.py [--rate 20] [--seconds 30] [--via form|api]

One run, the whole platform as `soho up` starts it (bench/platform_up.py: its own database,
vhost and ports), its SMTP_URL pointing at an SMTP server in this process (aiosmtpd,
tests/support/smtp.py) that notes when each message has fully arrived (end of DATA):

A. raw SMTP: one `aiosmtplib.send` of a message shaped like the acknowledgement to the same
   server, timed from the call to its return: alone (200 sends, before the platform starts),
   then every 10th tick of the measured run, under load (as bench/notifications.py does).
B. the platform: `--rate` contacts a second for `--seconds` (20 more first, to warm up, not
   counted), each a new person, sent without waiting for the previous answer. `--via form`
   (default) sends the public form as a browser does (`POST /`, form-encoded, with the
   token of a form page fetched beforehand: the person has been typing meanwhile; the fill
   time check is set to 0 s); `--via api` sends `POST /api/contacts`. Latency = the moment
   the SMTP server has the whole acknowledgement minus the moment just before the POST.
   Each contact also alerts one staff address, as in production.

The split of B's time comes from the timestamps the platform writes anyway: the prospects
outbox row (`created_at`, the request's transaction; `published_at`, the relay) and the
notifications delivery row (`created_at`, the consumer's transaction). All clocks are this
machine's.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ itself
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository's packages

import asyncpg  # noqa: E402
import httpx  # noqa: E402

from notifications import raw_send, summary  # noqa: E402
from platform_up import (BenchPlatform, CpuByGroup, load_average, new_person,  # noqa: E402
                         stop_cleanly_on_sigterm, pct, post_contact, soho_up)
from shared.db import asyncpg_dsn  # noqa: E402
from tests.support.smtp import SmtpServer  # noqa: E402
from tests.support.waiting import wait_for  # noqa: E402

WARM_UP = 20
RAW_ALONE = 200
STAFF = "equipe-latence@soho-solo.example.org"
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


class Sender:
    """Sends one contact, by the form or by the API; `sent` keeps when each POST began and
    how long its answer took."""

    def __init__(self, client: httpx.AsyncClient, up: BenchPlatform, via: str) -> None:
        self.client, self.via = client, via
        self.url = up.urls("prospects")[0]
        self.forms: list[dict[str, str]] = []
        self.sent: dict[str, tuple[float, float]] = {}

    async def fetch_forms(self, count: int) -> None:
        """The hidden fields of `count` form pages, as people would have loaded them."""
        for _ in range(count if self.via == "form" else 0):
            page = await self.client.get(f"{self.url}/", params={"lang": "fr"})
            self.forms.append(dict(HIDDEN.findall(page.text)))

    async def send(self, person: dict) -> None:
        began = time.time()
        if self.via == "api":
            await post_contact(self.client, self.url, person)
        else:
            fields = {**self.forms.pop(), "first_name": person["first_name"],
                      "last_name": person["last_name"], "email": person["email"],
                      "origin_country": "NL", "household_adults": "2",
                      "household_children": "1", "village_1": "Auch",
                      "message": person["message"], "consent": "yes", "website": ""}
            response = await self.client.post(f"{self.url}/?lang=fr", data=fields)
            if response.status_code != 303:
                raise RuntimeError(f"POST / answered {response.status_code}: "
                                   f"{response.text[:300]}")
        self.sent[person["email"]] = (began, time.time() - began)


async def paced(sender: Sender, count: int, rate: float, smtp: SmtpServer | None,
                tag: str) -> list[float]:
    """`count` contacts at `rate` a second, open loop; with `smtp`, a raw send every 10th
    tick, whose durations are returned."""
    tasks, raw = [], []
    start = time.perf_counter()
    for n in range(count):
        await asyncio.sleep(max(0.0, start + n / rate - time.perf_counter()))
        tasks.append(asyncio.create_task(sender.send(new_person(f"{tag}{n}"))))
        if smtp is not None and n % 10 == 0:
            raw.append(asyncio.create_task(raw_send(smtp)))
    await asyncio.gather(*tasks)
    return list(await asyncio.gather(*raw))


async def split(up: BenchPlatform, addresses: list[str]) -> dict[str, dict[str, float]]:
    """Per address: when the contact's transaction began, when the relay published its
    event, when notifications' consumer planned the acknowledgement (epoch seconds)."""
    conn = await asyncpg.connect(asyncpg_dsn(up.database_url))
    try:
        outbox = await conn.fetch(
            "SELECT convert_from(body, 'UTF8')::jsonb #>> '{data,email}' AS email, "
            "extract(epoch FROM created_at) AS staged, extract(epoch FROM published_at) AS "
            "published FROM prospects.outbox WHERE type = 'contact.received'")
        planned = await conn.fetch(
            "SELECT recipient, extract(epoch FROM created_at) AS planned FROM "
            "notifications.deliveries WHERE template = 'contact.acknowledgement' "
            "AND recipient = ANY($1)", addresses)
    finally:
        await conn.close()
    found = {r["email"]: {"staged": float(r["staged"]), "published": float(r["published"])}
             for r in outbox if r["email"] in set(addresses)}
    for row in planned:
        found[row["recipient"]]["planned"] = float(row["planned"])
    return found


async def main(args: argparse.Namespace) -> None:
    print(f"machine: {platform.node()}, {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}; {args.rate:g} contacts/s for {args.seconds:g} s "
          f"via {'the form (POST /)' if args.via == 'form' else 'POST /api/contacts'}; "
          f"load average {load_average()}", flush=True)
    smtp = SmtpServer().start()
    try:
        alone = [await raw_send(smtp) for _ in range(RAW_ALONE)]
        env = {"NOTIFICATIONS_STAFF_EMAILS": STAFF, "PROSPECTS_FORM_MIN_SECONDS": "0"}
        async with soho_up(smtp_url=smtp.url, env=env, log_level=args.log_level) as up, \
                httpx.AsyncClient(timeout=60) as client:
            total = int(args.rate * args.seconds)
            sender = Sender(client, up, args.via)
            await sender.fetch_forms(WARM_UP + total)
            await paced(sender, WARM_UP, args.rate, None, "warm")
            await wait_for(lambda: all(smtp.to(a) for a in sender.sent), timeout=120,
                           message="the warm-up acknowledgements")
            warm = set(sender.sent)

            cpu, load_before = CpuByGroup(up), load_average()
            cpu.start()
            under_load = await paced(sender, total, args.rate, smtp, "lat")
            measured = [a for a in sender.sent if a not in warm]
            await wait_for(lambda: all(smtp.to(a) for a in measured), timeout=300,
                           interval=0.1, message="every acknowledgement at the SMTP server")
            cpu.stop()
            await wait_for(lambda: len(smtp.to(STAFF)) >= WARM_UP + total, timeout=120,
                           message="every staff alert")
            steps = await split(up, measured)
    finally:
        smtp.stop()
    report(args, smtp, sender, warm, alone, under_load, steps, cpu, load_before, total)


def report(args: argparse.Namespace, smtp: SmtpServer, sender: Sender, warm: set[str],
           alone: list[float], under_load: list[float], steps: dict[str, dict[str, float]],
           cpu: CpuByGroup, load_before: str, total: int) -> None:
    measured = [a for a in sender.sent if a not in warm]

    def arrived(a: str) -> float:
        return smtp.to(a)[0].received_at

    began = {a: sender.sent[a][0] for a in measured}
    latencies = [arrived(a) - began[a] for a in measured]
    print(summary("A. raw aiosmtplib.send, alone", alone))
    print(summary("A. raw aiosmtplib.send, during the run", under_load))
    print(summary(f"B. {'form' if args.via == 'form' else 'POST'} -> acknowledgement at SMTP",
                  latencies))
    print(summary("   the POST's answer", [sender.sent[a][1] for a in measured]))
    print(summary("   POST -> contact committed (outbox row)",
                  [steps[a]["staged"] - began[a] for a in measured]))
    print(summary("   outbox row -> published by the relay",
                  [steps[a]["published"] - steps[a]["staged"] for a in measured]))
    print(summary("   published -> notifications' consumer",
                  [steps[a]["planned"] - steps[a]["published"] for a in measured]))
    print(summary("   consumer -> acknowledgement at SMTP",
                  [arrived(a) - steps[a]["planned"] for a in measured]))
    duplicates = sum(len(smtp.to(a)) - 1 for a in sender.sent)
    alerts = len(smtp.to(STAFF))
    print(f"   {len(measured)} contacts measured; duplicates: {duplicates}; staff alerts "
          f"{alerts} of {len(sender.sent)}; p50 ratio to the raw send alone: "
          f"{pct(latencies, 50) / pct(alone, 50):.1f}x, p99 ratio: "
          f"{pct(latencies, 99) / pct(alone, 99):.1f}x")
    print(f"   during the run: {cpu.summary()}; load average before {load_before}, "
          f"after {load_average()}")
    print(f"   platform by role: {cpu.per_role(total, 'contact')}", flush=True)


if __name__ == "__main__":
    stop_cleanly_on_sigterm()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=20.0, help="contacts per second")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--via", choices=("form", "api"), default="form")
    parser.add_argument("--log-level", default="INFO", help="the services' SOHO_LOG_LEVEL")
    asyncio.run(main(parser.parse_args()))
