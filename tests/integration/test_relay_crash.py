"""The relay process killed at the worst moment: after the commit, before the publish."""

import asyncio
import os
import signal
import subprocess
import sys

from shared.db import connect
from shared.outbox import stage_event
from tests.support.events import ping
from tests.support.waiting import wait_for


def start_relay(service: str, failpoints: str = "") -> subprocess.Popen:
    env = {**os.environ, "SOHO_FAILPOINTS": failpoints}
    return subprocess.Popen([sys.executable, "-m", "soho", "relay", service], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


async def test_a_relay_killed_before_publishing_publishes_after_restart(database_url, listener):
    conn = await connect(database_url, "dashboard")
    event = ping(42)
    async with conn.transaction():
        await stage_event(conn, event)

    doomed = start_relay("dashboard", failpoints="relay.before_publish")
    code = await asyncio.to_thread(doomed.wait, 60)
    assert code == -signal.SIGKILL, "the relay died at its failpoint, holding the batch"
    assert await conn.fetchval("SELECT published_at FROM outbox WHERE id = $1", event.id) is None
    assert listener.with_ids({str(event.id)}) == []

    relay = start_relay("dashboard")
    try:
        await listener.wait_for_ids({str(event.id)}, timeout=30)
        await wait_for(lambda: conn.fetchval(
            "SELECT published_at IS NOT NULL FROM outbox WHERE id = $1", event.id))
    finally:
        relay.send_signal(signal.SIGTERM)
        assert await asyncio.to_thread(relay.wait, 15) == 0, "SIGTERM stops the relay cleanly"
        await conn.close()
    assert len(listener.with_ids({str(event.id)})) == 1


async def test_a_relay_killed_before_marking_rows_sent_publishes_them_again_harmlessly(
        database_url, listener):
    """The other worst moment: published, not yet marked. The event goes out twice with the
    same id, which is what consumers' inboxes are for (see test_consumer_inbox)."""
    conn = await connect(database_url, "dashboard")
    event = ping(43)
    async with conn.transaction():
        await stage_event(conn, event)
    doomed = start_relay("dashboard", failpoints="relay.before_commit")
    assert await asyncio.to_thread(doomed.wait, 60) == -signal.SIGKILL
    await listener.wait_for_ids({str(event.id)})
    relay = start_relay("dashboard")
    try:
        await wait_for(lambda: len(listener.with_ids({str(event.id)})) == 2, timeout=30)
        copies = listener.with_ids({str(event.id)})
        assert copies[0].body == copies[1].body
        assert copies[0].message.message_id == copies[1].message.message_id
    finally:
        relay.send_signal(signal.SIGTERM)
        await asyncio.to_thread(relay.wait, 15)
        await conn.close()
