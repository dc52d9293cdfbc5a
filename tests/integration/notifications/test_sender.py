"""The sender alone: two copies share the work without sending anything twice; a message
whose sender died mid-attempt is taken back when its lease runs out."""

import asyncio
import contextlib

import pytest

from services.notifications.adapters.templating import Renderer
from services.notifications.config import NotificationsSettings
from services.notifications.domain.audience import Staff, for_contact
from services.notifications.store import deliveries
from services.notifications.use_cases import sending as sender_module
from services.notifications.use_cases.delivery import Courier
from services.notifications.use_cases.planning import Planner
from services.notifications.use_cases.sending import Sender
from shared.db import create_pool
from tests.support.waiting import wait_for

from .conftest import fast_settings
from .events import contact_received


@contextlib.asynccontextmanager
async def senders(pool, settings, copies: int):
    tasks = [asyncio.create_task(Sender(pool, settings).run()) for _ in range(copies)]
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def plan_contacts(pool, settings, count: int) -> list[str]:
    planner = Planner(settings, Renderer())
    addresses = []
    async with pool.acquire() as conn, conn.transaction():
        for _ in range(count):
            event = contact_received()
            addresses.append(event.data.email)
            await planner.store_all(conn, event.id, event.type,
                                    for_contact(event.data, Staff((), "fr", "x@example.org")))
    return addresses


async def test_two_senders_share_the_messages_and_send_each_once(database_url, smtp_server):
    settings = NotificationsSettings(DATABASE_URL=database_url, **fast_settings(
        smtp_server.url, NOTIFICATIONS_SEND_CONCURRENCY=5))
    pool = await create_pool(database_url, "notifications")
    try:
        addresses = await plan_contacts(pool, settings, 60)
        async with senders(pool, settings, copies=2):
            await wait_for(lambda: all(smtp_server.to(a) for a in addresses), timeout=30,
                           message="every message")
            await wait_for(lambda: pool.fetchval(
                "SELECT count(*) = 0 FROM deliveries WHERE status <> 'sent'"),
                message="every message recorded")
    finally:
        await pool.close()
    assert all(len(smtp_server.to(a)) == 1 for a in addresses)


async def test_a_message_whose_sender_died_mid_attempt_goes_when_its_lease_ends(
        database_url, smtp_server):
    settings = NotificationsSettings(DATABASE_URL=database_url, **fast_settings(smtp_server.url))
    pool = await create_pool(database_url, "notifications")
    try:
        [address] = await plan_contacts(pool, settings, 1)
        async with pool.acquire() as conn:  # a sender records its attempt, then dies
            [taken] = await deliveries.claim(conn, 10, lease=1.0)
        async with senders(pool, settings, copies=1):
            [mail] = await smtp_server.wait_for_messages(to=address)
            row = await wait_for(lambda: pool.fetchrow(
                "SELECT * FROM deliveries WHERE id = $1 AND status = 'sent'", taken["id"]),
                message="recorded as sent")
    finally:
        await pool.close()
    assert row["attempts"] == 2  # the lost attempt counts
    assert mail.message["Message-ID"] == taken["message_id"]  # the same message, if both went


async def test_messages_recording_their_outcome_are_not_cut_short_when_the_database_goes(
        database_url, smtp_server, monkeypatch):
    """PostgreSQL crashed while a message, already accepted by the SMTP server, was being
    recorded: the sender lost its LISTEN connection and restarted, and used to cancel that
    recording after a short grace, so the lease ran out and the email went again (a fault
    run caught it: one staff alert sent twice, 30 s apart, with one Message-ID)."""
    settings = NotificationsSettings(DATABASE_URL=database_url, **fast_settings(
        smtp_server.url, NOTIFICATIONS_SEND_CONCURRENCY=5))
    monkeypatch.setattr(sender_module, "STOP_GRACE_SECONDS", 0.2)
    recording, database_back = asyncio.Event(), asyncio.Event()
    record = Courier._record

    async def record_once_the_database_is_back(self, row, decision, target):
        recording.set()
        await database_back.wait()
        await record(self, row, decision, target)

    monkeypatch.setattr(Courier, "_record", record_once_the_database_is_back)
    pool = await create_pool(database_url, "notifications")
    try:
        addresses = await plan_contacts(pool, settings, 1)
        sender = Sender(pool, settings)
        run = asyncio.create_task(sender.run())
        await asyncio.wait_for(recording.wait(), 30)  # sent, its outcome not yet recorded
        sender._listener_lost()  # what a crash of PostgreSQL does to the LISTEN connection
        done, _ = await asyncio.wait({run}, timeout=1.0)
        assert not done, "the sender gave up on messages still recording their outcome"
        database_back.set()
        with pytest.raises(ConnectionError):
            await asyncio.wait_for(run, 30)
        statuses = [r["status"] for r in await pool.fetch("SELECT status FROM deliveries")]
    finally:
        await pool.close()
    assert statuses and set(statuses) == {"sent"}
    assert [len(smtp_server.to(a)) for a in addresses] == [1]


async def test_a_sender_stopped_as_it_wakes_stops(database_url, smtp_server):
    """Stopping the service cancels the sender; a message finishing at that moment wakes it.
    Both in one tick once made asyncio.wait_for (Python 3.11) return as if woken, and the
    sender went on for ever, holding up the service's shutdown."""
    settings = NotificationsSettings(DATABASE_URL=database_url, **fast_settings(
        smtp_server.url, NOTIFICATIONS_POLL_INTERVAL=30.0))
    pool = await create_pool(database_url, "notifications")
    try:
        for _ in range(5):
            sender = Sender(pool, settings)
            task = asyncio.create_task(sender.run())
            await wait_for(lambda: sender.listening, message="the sender listening")
            await wait_for(lambda: sender.wake._waiters, message="the sender waiting")
            sender.wake.set()
            task.cancel()
            done, _ = await asyncio.wait({task}, timeout=5)
            assert task in done, "the sender did not stop when cancelled as it woke"
    finally:
        await pool.close()
