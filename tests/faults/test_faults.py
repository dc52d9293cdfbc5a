"""The platform keeps its promises while its processes die, its broker stops and its
database restarts under load (issue 8, "Faults").

During a stream of contacts, qualifications, installations and desk bookings (with double
booking attempts and cancellations), every service and relay is SIGKILLed at least once,
some get SIGTERM, RabbitMQ is stopped and started, PostgreSQL restarts. Then, against the
ground truth of what the platform accepted: each request's events exist once (one event id
per thing), each person got one email per thing that concerned them, the dead-letter
queues and the outboxes are empty, no desk is booked twice, the key figures are exact.

    .venv/bin/python -m pytest tests/faults -s        # prints the counts
    SOHO_FAULT_SEED=1234 .venv/bin/python -m pytest tests/faults -s   # replays a schedule
"""

import asyncio
import os
import random
import time

import httpx
import pytest

from tests.support.platform_process import running_platform

from . import checker, report
from .event_log import EventLog
from .faults import FaultInjector, schedule, seed_from_environment
from .ground_truth import GroundTruth
from .load import Load, LoadPlan, free_slots

# SOHO_FAULT_SCALE=0.2 runs a fifth of the load (the faults stay the same).
PLAN = LoadPlan().scaled(float(os.environ.get("SOHO_FAULT_SCALE", "1")))
FAULT_WINDOW = 120.0  # seconds over which the faults are spread, from the load's start
LOAD_SPREAD = FAULT_WINDOW - 10  # seconds over which the households start
DRAIN_DEADLINE = 150.0  # for the platform to finish its work once the load is done
QUIET_SECONDS = 15.0  # nothing waiting anywhere and nothing changing for this long: done
OBSERVE_EVERY = 1.0  # seconds between two looks at the platform while it drains
# Emails sent twice with one Message-ID after a SIGKILL of notifications (the documented
# at-least-once window) are counted and printed; SOHO_FAULT_STRICT_MAIL=1 fails on them too.
STRICT_MAIL = os.environ.get("SOHO_FAULT_STRICT_MAIL") == "1"
POSTGRES_MODE = os.environ.get("SOHO_FAULT_PG_MODE", "immediate")
BOOKING_DAYS = 21
STAFF_EMAIL = "staff-faults@example.org"
# Host villages: committee in onboarding and notifications (told at once), in onboarding
# only, in notifications only (its demo copy), and none.
VILLAGES = ["32233", "32410", "32013", "32256"]


def platform_env(postgres, rabbitmq) -> dict[str, str]:
    return {
        "DATABASE_URL": postgres.url, "AMQP_URL": rabbitmq.url,
        "SOHO_LOG_LEVEL": "WARNING",
        # The load comes from one address and a few members: lift the abuse limits.
        "PROSPECTS_CONTACT_RATE_LIMIT": "1000000 per minute",
        "BOOKINGS_RATE_LIMIT_PER_MINUTE": "100000",
        "BOOKINGS_WEEKLY_QUOTA_HOURS": "10000",
        "NOTIFICATIONS_STAFF_EMAILS": STAFF_EMAIL,
        # A message whose sender was SIGKILLed mid-send comes back after the lease (120 s
        # by default): shorter, so the run drains within minutes.
        "NOTIFICATIONS_SEND_LEASE": "30",
        "IDENTITY_MAIL_LEASE": "30",  # identity's own sender (the welcome emails), the same
    }


async def committees_told_at_once(client: httpx.AsyncClient, platform) -> dict[str, str]:
    """Village -> the committee address an arrival email goes to at once (not weekly)."""
    told = {}
    staff = platform.staff_headers()
    for code in VILLAGES:
        village = (await client.get(f"{platform.url('onboarding')}/api/villages/{code}",
                                    headers=staff)).json()
        own = await client.get(f"{platform.url('notifications')}/api/committees/{code}",
                               headers=staff)
        own = own.json() if own.status_code == 200 else None
        email = (village["committee"] or {}).get("email") or (own or {}).get("email")
        if email and (own or {}).get("digest", "immediate") == "immediate":
            told[code] = email.lower()
    return told


async def drain(truth, log, platform, postgres, rabbitmq, client) -> checker.Observed:
    """Wait until the platform has finished: everything expected is there, or nothing
    waits anywhere and nothing has changed for QUIET_SECONDS (what is missing then will not
    come), or the deadline. Returns the last observation."""
    deadline = time.monotonic() + DRAIN_DEADLINE
    last, still_since = None, time.monotonic()
    while True:
        try:
            seen = await checker.observe(truth, platform, postgres.url, rabbitmq.url, client)
        except (OSError, httpx.HTTPError):
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(OBSERVE_EVERY)
            continue
        now = time.monotonic()
        if checker.fingerprint(log, seen) != last or not checker.quiet(seen):
            last, still_since = checker.fingerprint(log, seen), now
        if (checker.settled(truth, log, seen) or now - still_since > QUIET_SECONDS
                or now > deadline):
            return seen
        await asyncio.sleep(OBSERVE_EVERY)


@pytest.mark.timeout(600)
async def test_the_platform_keeps_its_promises_under_faults(private_postgresql, private_broker,
                                                            tmp_path):
    postgres, rabbitmq = private_postgresql, private_broker
    seed = seed_from_environment()
    rng = random.Random(seed)
    faults = schedule(rng, FAULT_WINDOW, POSTGRES_MODE)
    print(f"\nfault seed {seed} (SOHO_FAULT_SEED={seed} replays this schedule)")
    durations: dict[str, float] = {}
    started = time.monotonic()
    env = platform_env(postgres, rabbitmq)
    async with running_platform(tmp_path, env=env) as platform:  # on free ports
        await platform.wait_ready(timeout=180)
        durations["platform start"] = time.monotonic() - started
        async with EventLog(rabbitmq.url) as log, httpx.AsyncClient(timeout=30) as client:
            truth = GroundTruth(STAFF_EMAIL, await committees_told_at_once(client, platform))
            slots = await free_slots(client, platform, BOOKING_DAYS, rng)
            load = Load(client, platform, truth, PLAN, VILLAGES, slots, rng)
            injector = FaultInjector(platform, postgres, rabbitmq, faults)
            await asyncio.gather(load.run(LOAD_SPREAD), injector.run())
            durations.update(load.durations)
            durations["faults"] = injector.duration
            drained = time.monotonic()
            seen = await drain(truth, log, platform, postgres, rabbitmq, client)
            durations["drain"] = time.monotonic() - drained
            dlq = await checker.dead_letters({**os.environ, **env})
            kills = [*injector.kill_times.get("serve notifications", []),
                     *injector.kill_times.get("serve identity", [])]  # both send email
            resent = checker.resends_at_kills(seen.mails, kills)
            found = (checker.problems(truth, log, seen, dlq, kill_times=kills,
                                      strict_mail=STRICT_MAIL)
                     + report.unexpected_exits(platform.output(), injector)
                     + [f"fault not as planned: {m}" for m in injector.missed])
    durations["total"] = time.monotonic() - started
    text = report.render(seed=seed, truth=truth, log=log, injector=injector,
                         output=platform.output(), mails=seen.mails.per_template(),
                         durations=durations, problems=found, resent_mails=resent,
                         plan=f"plan: {PLAN} ({len(slots)} free half-days found)")
    print(text)
    report.write(tmp_path / "fault-counts.txt", text)
    assert not found, f"{len(found)} promise(s) broken (seed {seed}): see the counts above"
