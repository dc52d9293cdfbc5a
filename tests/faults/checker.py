"""What the platform holds once it has drained, compared with the ground truth.

`observe()` reads everything at one moment (the outside listener's events, the SMTP sink's
mails, the key figures, the outboxes, the dead-letter queues, the bookings table);
`settled()` says whether the platform has finished its work; `problems()` lists every
difference from the truth, each a sentence naming what and how many."""

import asyncio
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

import aio_pika
import asyncpg
from aiormq.exceptions import ChannelNotFoundEntity

from soho.registry import SERVICE_NAMES, consumer_queues

from .event_log import EventLog
from .ground_truth import GroundTruth

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
NO_REFERENCE = {"contact.acknowledgement", "solo.welcome",  # one per person anyway
                "identity.welcome_member"}
OVERLAPS = """
SELECT count(*) FROM bookings.bookings a JOIN bookings.bookings b
  ON a.resource_id = b.resource_id AND a.id < b.id
 AND tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)')
WHERE a.status IN ('booked', 'checked_in') AND b.status IN ('booked', 'checked_in')
"""


@dataclass(frozen=True)
class Copy:
    message_id: str
    built_at: float  # the Date header: when the sender built this copy (to the second)


@dataclass
class Mails:
    """The sink's messages as (template, recipient, reference) -> the copies received."""

    by_key: dict[tuple[str, str, str], list[Copy]] = field(default_factory=dict)

    @classmethod
    def read(cls, messages: list[EmailMessage], references: dict[str, set[str]]) -> "Mails":
        """`references`: per template, the ids one of which its body names (the prospect
        of a staff alert, the case of an arrival, the booking of a confirmation)."""
        mails = cls()
        for message in messages:
            template = str(message["X-Soho-Template"] or "?")
            recipient = str(message["To"] or "").strip().lower()
            reference = ""
            if template not in NO_REFERENCE:
                body = message.get_body(preferencelist=("plain",))
                text = body.get_content() if body is not None else ""
                known = references.get(template, set())
                found = [u for u in UUID.findall(text) if u in known]
                reference = found[0] if found else "?"
            built = parsedate_to_datetime(str(message["Date"])).timestamp()
            mails.by_key.setdefault((template, recipient, reference), []).append(
                Copy(str(message["Message-ID"]), built))
        return mails

    def count(self) -> int:
        return sum(len(copies) for copies in self.by_key.values())

    def per_template(self) -> Counter:
        return Counter(t for (t, _, _), copies in self.by_key.items() for _ in copies)

    def resent(self) -> dict:
        """Keys received more than once with the same Message-ID (the same stored message
        sent again: its sender did not record the first send)."""
        return {k: c for k, c in self.by_key.items()
                if len(c) > len({copy.message_id for copy in c})}

    def planned_twice(self) -> dict:
        """Keys with more than one Message-ID: the platform made two messages of one."""
        return {k: c for k, c in self.by_key.items()
                if len({copy.message_id for copy in c}) > 1}


@dataclass
class Observed:
    kpis: dict
    mails: Mails
    outbox_pending: dict[str, int]
    deliveries_unsettled: int
    deliveries_failed: int
    parked_events: int
    queue_backlog: dict[str, int]
    overlapping_bookings: int


async def observe(truth: GroundTruth, platform, database_url: str, amqp_url: str,
                  client) -> Observed:
    cases = {m.case_id for m in truth.members.values()}
    references = {"contact.staff_alert": set(truth.people), "solo.staff_note": cases,
                  "solo.arrival": cases, "booking.confirmation": set(truth.bookings),
                  "booking.cancellation": set(truth.bookings)}
    response = await client.get(f"{platform.url('dashboard')}/api/kpis",
                                headers=platform.staff_headers())
    kpis = response.json() if response.status_code == 200 else {"error": response.text}
    conn = await asyncpg.connect(database_url, timeout=10)
    try:
        outbox = {name: await conn.fetchval(
            f"SELECT count(*) FROM {name}.outbox WHERE published_at IS NULL")
            for name in SERVICE_NAMES}
        # Emails still to go from either sender: notifications' deliveries and identity's
        # own mail (the welcomes); a drain that ignored identity's stopped too early.
        unsettled = await conn.fetchval(
            "SELECT (SELECT count(*) FROM notifications.deliveries "
            "        WHERE status IN ('pending', 'sending'))"
            "     + (SELECT count(*) FROM identity.outgoing_mail "
            "        WHERE sent_at IS NULL AND failed_at IS NULL)")
        failed = await conn.fetchval(
            "SELECT (SELECT count(*) FROM notifications.deliveries WHERE status = 'failed')"
            "     + (SELECT count(*) FROM identity.outgoing_mail WHERE failed_at IS NOT NULL)")
        parked = await conn.fetchval("SELECT count(*) FROM notifications.parked_events")
        overlaps = await conn.fetchval(OVERLAPS)
    finally:
        await conn.close()
    return Observed(kpis, Mails.read(platform.mails(), references), outbox, unsettled, failed,
                    parked, await queue_backlog(amqp_url), overlaps)


async def queue_backlog(amqp_url: str) -> dict[str, int]:
    """Messages ready in each platform consumer's queue (-1: the queue is missing)."""
    backlog = {}
    connection = await aio_pika.connect(amqp_url, timeout=10)
    async with connection:
        for name in consumer_queues():
            channel = await connection.channel()
            try:
                queue = await channel.declare_queue(name, passive=True)
                backlog[name] = queue.declaration_result.message_count
                await channel.close()
            except ChannelNotFoundEntity:
                backlog[name] = -1
    return backlog


async def dead_letters(env: dict[str, str]) -> dict[str, int]:
    """`soho dlq list`, as an operator runs it: dead-letter queue -> messages."""
    result = await asyncio.to_thread(
        subprocess.run, [sys.executable, "-m", "soho", "dlq", "list"], env=env,
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"soho dlq list failed: {result.stdout}{result.stderr}"
    counts = {}
    for line in result.stdout.splitlines():
        if "\t" in line and not line.startswith(" "):
            name, count = line.split("\t", 1)
            counts[name] = int(count.split()[0])
    assert counts, f"soho dlq list showed no dead-letter queue: {result.stdout}"
    return counts


def kpi_differences(truth: GroundTruth, kpis: dict) -> dict[str, tuple]:
    """figure -> (expected, actual) where they differ."""
    notifications = kpis.get("notifications") or {}
    actual = {**kpis, "notifications.sent": notifications.get("sent"),
              "notifications.failed": notifications.get("failed")}
    wrong = {name: (value, actual.get(name)) for name, value in truth.expected_kpis().items()
             if actual.get(name) != value}
    countries = truth.expected_by_origin_country()
    if kpis.get("by_origin_country") != countries:
        wrong["by_origin_country"] = (countries, kpis.get("by_origin_country"))
    return wrong


def settled(truth: GroundTruth, log: EventLog, seen: Observed) -> bool:
    """The platform has done all its work: nothing waits anywhere, every email is out."""
    expected_mails = truth.expected_mails()
    return (all(log.keys(t) >= keys for t, keys in truth.expected_events().items())
            and len(log.keys("notification.sent")) >= len(truth.expected_notification_mails())
            and not any(seen.outbox_pending.values())
            and seen.deliveries_unsettled == 0
            and not any(seen.queue_backlog.values())
            and set(seen.mails.by_key) >= expected_mails
            and not kpi_differences(truth, seen.kpis))


def quiet(seen: Observed) -> bool:
    """Nothing waits to be published, consumed or sent: whatever is missing now will not
    come (an event dead-lettered, say)."""
    return (not any(seen.outbox_pending.values()) and seen.deliveries_unsettled == 0
            and not any(seen.queue_backlog.values()))


def fingerprint(log: EventLog, seen: Observed) -> tuple:
    return (len(log.copies), sum(log.copies.values()), len(seen.mails.by_key),
            seen.mails.count(), str(seen.kpis.get("contacts")),
            str(seen.kpis.get("notifications")), str(seen.kpis.get("bookings")))


# How long the notifications sender may still be recording a message it has sent: it rides
# out a database outage for up to 30.5 s (services/notifications/use_cases/delivery.py,
# `_record`).
OUTCOME_RECORDING_WINDOW = 35.0


def resends_at_kills(mails: Mails, kill_times: list[float]) -> tuple[int, int]:
    """(explained, unexplained) emails received twice with one Message-ID.

    One window is documented (services/notifications/README.md): a sender (the
    notifications process, or identity's mail worker, which works the same way) SIGKILLed
    after the SMTP server took a message and before the outcome was recorded; the lease
    runs out and the message goes again. A resend is explained when one of our
    SIGKILLs of the service fell between its first copy and a later one, while the first
    copy's outcome could still be unrecorded (normally a few milliseconds after the send;
    during a database outage, up to OUTCOME_RECORDING_WINDOW). Any other resend is a
    message the platform sent twice on its own."""
    explained = unexplained = 0
    for copies in mails.resent().values():
        first = min(copy.built_at for copy in copies)
        last = max(copy.built_at for copy in copies)
        extra = len(copies) - len({copy.message_id for copy in copies})
        if any(first - 1 <= kill <= first + OUTCOME_RECORDING_WINDOW and kill <= last + 1
               for kill in kill_times):
            explained += extra
        else:
            unexplained += extra
    return explained, unexplained


def problems(truth: GroundTruth, log: EventLog, seen: Observed, dlq: dict[str, int], *,
             kill_times: list[float], strict_mail: bool) -> list[str]:
    found = []
    for event_type, keys in truth.expected_events().items():
        seen_keys = log.keys(event_type)
        if keys - seen_keys:
            found.append(f"{len(keys - seen_keys)} accepted {event_type} never published, "
                         f"e.g. {sorted(keys - seen_keys)[:3]}")
        if seen_keys - keys:
            found.append(f"{len(seen_keys - keys)} {event_type} events for requests never "
                         f"accepted, e.g. {sorted(seen_keys - keys)[:3]}")
    expected_mails = truth.expected_mails()
    notifications_mails = truth.expected_notification_mails()
    if len(log.keys("notification.sent")) != len(notifications_mails):
        found.append(f"{len(log.keys('notification.sent'))} notification.sent for "
                     f"{len(notifications_mails)} messages")
    if log.keys("notification.failed"):
        found.append(f"{len(log.keys('notification.failed'))} notification.failed")
    for (event_type, key), ids in log.duplicated().items():
        found.append(f"{event_type} {key} published as {len(ids)} distinct events: {sorted(ids)}")
    mails = seen.mails
    if expected_mails - set(mails.by_key):
        found.append(f"{len(expected_mails - set(mails.by_key))} emails never received, e.g. "
                     f"{sorted(expected_mails - set(mails.by_key))[:3]}")
    if set(mails.by_key) - expected_mails:
        found.append(f"{len(set(mails.by_key) - expected_mails)} emails nobody should have "
                     f"had, e.g. {sorted(set(mails.by_key) - expected_mails)[:3]}")
    for key, copies in mails.planned_twice().items():
        found.append(f"email {key} made {len({c.message_id for c in copies})} times "
                     f"(Message-IDs {sorted({c.message_id for c in copies})})")
    explained, unexplained = resends_at_kills(mails, kill_times)
    if unexplained:
        found.append(f"{unexplained} email(s) sent twice with one Message-ID, not at a SIGKILL "
                     f"of a sender: e.g. {sorted(mails.resent())[:3]}")
    if explained and strict_mail:
        found.append(f"{explained} email(s) sent twice with one Message-ID at a SIGKILL of "
                     "a sender (SOHO_FAULT_STRICT_MAIL=1)")
    for name, count in dlq.items():
        if count:
            found.append(f"dead-letter queue {name} holds {count} message(s)")
    if seen.overlapping_bookings:
        found.append(f"{seen.overlapping_bookings} pairs of active bookings overlap on a desk")
    for name, (expected, actual) in kpi_differences(truth, seen.kpis).items():
        found.append(f"key figure {name}: {actual}, truly {expected}")
    for name, count in seen.outbox_pending.items():
        if count:
            found.append(f"outbox of {name}: {count} event(s) never published")
    if seen.deliveries_unsettled or seen.deliveries_failed:
        found.append(f"notifications: {seen.deliveries_unsettled} messages still pending, "
                     f"{seen.deliveries_failed} failed")
    if seen.parked_events:
        found.append(f"notifications: {seen.parked_events} events still parked")
    for name, count in seen.queue_backlog.items():
        if count:
            found.append(f"queue {name}: {count} message(s) never consumed"
                         if count > 0 else f"queue {name} is missing")
    for error in truth.server_errors:
        found.append(f"500 answered: {error}")
    for journey in truth.stuck:
        found.append(f"journey stuck: {journey}")
    return found
