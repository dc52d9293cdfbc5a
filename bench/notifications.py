"""Notifications benchmark: from a contact.received event published on the bus to the
acknowledgement arriving at an SMTP server, beside one raw aiosmtplib send to that server.

    .venv/bin/python bench/notifications.py [--rate 20] [--seconds 30] [--staff 1]

One run, one broker, one database, one SMTP server (aiosmtpd, in this process):

A. raw SMTP: one `aiosmtplib.send` of a message like the acknowledgement (multipart text
   and HTML, same size) to the SMTP server, timed from the call to its return: first alone
   (200 sends, one after another), then every 10th tick of the measured run, under load.
B. the platform: the notifications service runs as `soho serve` runs it, in a subprocess
   (consumers with the inbox, the sender, uvicorn). This process publishes `contact.received`
   events to `soho.events` as a relay does (persistent, confirmed, message_id = event id) at
   `--rate` per second for `--seconds`; each names a fresh address. Latency = the moment the
   SMTP server has the whole acknowledgement (end of DATA) minus the moment just before the
   publish. The first 20 events warm up and are not counted. Each contact also alerts
   `--staff` staff addresses, as in production.

Isolation: a RabbitMQ vhost of its own when this machine lets us make one (root, local
broker: `rabbitmqctl add_vhost`), else the AMQP_URL vhost; a schema of its own
(`notifbench_<run>`, queues `notifbench_<run>.<event>`) in the database `soho_bench`.
Everything is removed at the end, also on failure or Ctrl-C; every wait has a deadline.
The prospects service and its relay are not in the path: the measure starts at the event.
bench/latency.py measures from the form (or POST /api/contacts) through the whole platform.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import os
import platform
import secrets
import subprocess
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository's packages

import aio_pika  # noqa: E402
import aiosmtplib  # noqa: E402
import asyncpg  # noqa: E402

from shared.bus.topology import declare_core  # noqa: E402
from shared.db import asyncpg_dsn, ensure_database  # noqa: E402
from shared.events import CONTENT_TYPE, ContactReceived, new_event  # noqa: E402
from shared.migrations import apply_migrations  # noqa: E402
from tests.support.smtp import SmtpServer, free_port  # noqa: E402

DEFAULT_AMQP_URL = "amqp://guest:guest@127.0.0.1:5672/"
DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/soho_bench"
WARM_UP = 20
RAW_ALONE = 200
ROOT = Path(__file__).resolve().parent.parent


def serve(name: str) -> None:
    """Child mode: the notifications service under another name (schema and queues)."""
    import uvicorn

    from services.notifications.app import SERVICE
    from shared.http.app import create_app

    app = create_app(dataclasses.replace(SERVICE, name=name))
    profile = os.environ.get("BENCH_PROFILE")
    if not profile:
        uvicorn.run(app, host="127.0.0.1", port=int(os.environ["BENCH_PORT"]),
                    log_level="warning")
        return
    import cProfile
    import threading

    profiler = cProfile.Profile()

    def dump_every_few_seconds() -> None:  # uvicorn ends the process with the signal
        while True:
            time.sleep(3)
            profiler.dump_stats(profile)

    threading.Thread(target=dump_every_few_seconds, daemon=True).start()
    profiler.enable()
    uvicorn.run(app, host="127.0.0.1", port=int(os.environ["BENCH_PORT"]), log_level="warning")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def summary(label: str, seconds: list[float]) -> str:
    ms = [s * 1000 for s in seconds]
    return (f"{label:<44} n={len(ms):>4}  p50={pct(ms, 50):7.1f} ms  p90={pct(ms, 90):7.1f} ms"
            f"  p99={pct(ms, 99):7.1f} ms  max={max(ms):7.1f} ms")


def private_vhost(base_url: str, run: str) -> str | None:
    from tests.support import rabbitmq_vhost

    if not rabbitmq_vhost.can_manage_vhosts(base_url):
        return None
    return rabbitmq_vhost.create_run_vhost(base_url, f"soho_bench_{run}")


def raw_message(address: str):
    """A message shaped like the acknowledgement (headers, text and HTML, same size)."""
    from email.message import EmailMessage
    from email.utils import make_msgid

    text = (ROOT / "services/notifications/templates/contact.acknowledgement.fr.txt").read_text()
    html = (ROOT / "services/notifications/templates/contact.acknowledgement.fr.html").read_text()
    message = EmailMessage()
    message["From"] = "Soho Solo <bonjour@soho-solo.example.org>"
    message["To"] = address
    message["Subject"] = "Soho Solo : nous avons bien reçu votre message"
    message["Message-ID"] = make_msgid(domain="soho-solo.example.org")
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message


async def raw_send(server: SmtpServer) -> float:
    address = f"raw-{uuid.uuid4().hex[:12]}@example.org"
    started = time.perf_counter()
    await aiosmtplib.send(raw_message(address), sender="bonjour@soho-solo.example.org",
                          recipients=[address], hostname=server.host, port=server.port)
    return time.perf_counter() - started


def contact(address: str):
    data = ContactReceived(
        contact_id=uuid.uuid4(), prospect_id=uuid.uuid4(), is_new_prospect=True, channel="web",
        first_name="Camille", last_name="Martin", email=address, locale="fr",
        origin_country="FR", profession="graphiste", household_size=3,
        desired_villages=["32013"], message="Nous aimerions vivre dans le Gers.")
    return new_event(data, source="/soho/prospects", subject=str(data.prospect_id))


async def wait_until(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not await condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"deadline passed: {what}")
        await asyncio.sleep(0.05)


async def consumer_ready(amqp_url: str, queue: str) -> bool:
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        channel = await connection.channel()
        try:
            declared = await channel.declare_queue(queue, passive=True)
        except aio_pika.exceptions.ChannelClosed:
            return False
        return declared.declaration_result.consumer_count > 0


async def measure(args: argparse.Namespace, amqp_url: str, database_url: str, name: str,
                  smtp: SmtpServer) -> None:
    cpu = platform.processor() or platform.machine()
    print(f"machine: {platform.node()}, {os.cpu_count()} CPUs, {cpu},"
          f" Python {platform.python_version()}; rate {args.rate}/s for {args.seconds} s,"
          f" {args.staff} staff address(es)", flush=True)
    alone = [await raw_send(smtp) for _ in range(RAW_ALONE)]

    env = {**os.environ, "DATABASE_URL": database_url, "AMQP_URL": amqp_url,
           "SMTP_URL": smtp.url, "BENCH_PORT": str(free_port()), "SOHO_LOG_LEVEL": "WARNING",
           "NOTIFICATIONS_STAFF_EMAILS": ",".join(
               f"staff{i}@soho-solo.example.org" for i in range(args.staff))}
    errors = open(f"/tmp/{name}.stderr", "w+")  # noqa: SIM115 - closed in the finally
    child = subprocess.Popen([sys.executable, __file__, "--serve", name], env=env,
                             stdout=subprocess.DEVNULL, stderr=errors)
    try:
        await wait_until(lambda: consumer_ready(amqp_url, f"{name}.contact.received"), 60,
                         "the service consuming")
        connection = await aio_pika.connect(amqp_url)
        async with connection:
            channel = await connection.channel(publisher_confirms=True)
            exchange = await declare_core(channel)
            published: dict[str, float] = {}
            under_load: list[float] = []
            raw_tasks: list[asyncio.Task] = []
            total = WARM_UP + int(args.rate * args.seconds)
            service_cpu, own_cpu = cpu_seconds(child.pid), cpu_seconds(os.getpid())
            load_before = load_average()
            start = time.perf_counter()
            for n in range(total):
                await asyncio.sleep(max(0.0, start + n / args.rate - time.perf_counter()))
                address = f"p{n}-{uuid.uuid4().hex[:10]}@example.org"
                event = contact(address)
                body = event.to_json_bytes()
                published[address] = time.time()
                await exchange.publish(aio_pika.Message(
                    body, content_type=CONTENT_TYPE, message_id=str(event.id),
                    delivery_mode=aio_pika.DeliveryMode.PERSISTENT),
                    routing_key=event.type, mandatory=True)
                if n >= WARM_UP and n % 10 == 0:
                    raw_tasks.append(asyncio.create_task(raw_send(smtp)))
            under_load = list(await asyncio.gather(*raw_tasks))

            async def all_arrived() -> bool:
                return all(smtp.to(a) for a in published)

            await wait_until(all_arrived, 120, "every acknowledgement at the SMTP server")
            service_cpu = cpu_seconds(child.pid) - service_cpu
            own_cpu = cpu_seconds(os.getpid()) - own_cpu
            load_after = load_average()
        counted = list(published)[WARM_UP:]
        latencies = [smtp.to(a)[0].received_at - published[a] for a in counted]
        planned = await planned_at(database_url, name, counted)
        to_handler = [planned[a] - published[a] for a in counted]
        to_smtp = [smtp.to(a)[0].received_at - planned[a] for a in counted]
        duplicates = sum(len(smtp.to(a)) - 1 for a in published)
        elapsed = max(smtp.to(a)[0].received_at for a in counted) - published[counted[0]]
    finally:
        child.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(20)
        if child.poll() is None:
            child.kill()
        errors.seek(0)
        if child.returncode not in (0, -15) and (tail := errors.read()[-2000:]):
            print(f"the service's stderr ended with:\n{tail}", file=sys.stderr)
        errors.close()
        os.unlink(errors.name)
    print(summary("A. raw aiosmtplib.send, alone", alone))
    print(summary("A. raw aiosmtplib.send, during the run", under_load))
    print(summary("B. contact.received -> acknowledgement", latencies))
    print(summary("   of which: publish -> handler's transaction", to_handler))
    print(summary("   of which: handler's transaction -> SMTP", to_smtp))
    print(f"   {len(counted)} acknowledgements in {elapsed:.1f} s, duplicates: {duplicates};"
          f" p50 ratio to the raw send alone: "
          f"{pct(latencies, 50) / pct(alone, 50):.1f}x", flush=True)
    print(f"   CPU: service {service_cpu:.1f} s ({service_cpu / total * 1000:.1f} ms per event),"
          f" this process (publisher, SMTP server) {own_cpu:.1f} s;"
          f" load average before {load_before}, after {load_after}", flush=True)


async def planned_at(database_url: str, schema: str, addresses: list[str]) -> dict[str, float]:
    """When each acknowledgement's handler transaction began (its row's created_at)."""
    conn = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        rows = await conn.fetch(
            f'SELECT recipient, extract(epoch FROM created_at) AS at FROM "{schema}".deliveries '
            f"WHERE template = 'contact.acknowledgement' AND recipient = ANY($1)", addresses)
    finally:
        await conn.close()
    return {row["recipient"]: float(row["at"]) for row in rows}


async def main(args: argparse.Namespace) -> None:
    run = secrets.token_hex(4)
    name = f"notifbench_{run}"
    base_amqp = os.environ.get("AMQP_URL", DEFAULT_AMQP_URL)
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    vhost_url = await asyncio.to_thread(private_vhost, base_amqp, run)
    amqp_url = vhost_url or base_amqp
    smtp = SmtpServer().start()
    try:
        await ensure_database(database_url)
        from services.notifications.app import SERVICE

        await asyncio.to_thread(apply_migrations, database_url, name, SERVICE.migrations_dir)
        await measure(args, amqp_url, database_url, name, smtp)
    finally:
        smtp.stop()
        await cleanup(database_url, amqp_url, name, vhost_url is not None, run)


async def cleanup(database_url: str, amqp_url: str, name: str, own_vhost: bool, run: str) -> None:
    with contextlib.suppress(Exception):
        conn = await asyncpg.connect(asyncpg_dsn(database_url))
        await conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        await conn.close()
    if own_vhost:
        from tests.support import rabbitmq_vhost

        await asyncio.to_thread(rabbitmq_vhost.delete_vhost, f"soho_bench_{run}")
        return
    with contextlib.suppress(Exception):
        connection = await aio_pika.connect(amqp_url)
        async with connection:
            channel = await connection.channel()
            for event in ("contact.received", "prospect.qualified", "solo.installed",
                          "desk.booked", "booking.cancelled", "prospect.erased"):
                for queue in (f"{name}.{event}", f"{name}.{event}.dlq"):
                    await channel.queue_delete(queue)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=20.0, help="events per second")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--staff", type=int, default=1, help="staff addresses alerted")
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.serve:
        serve(arguments.serve)
    else:
        asyncio.run(main(arguments))
