"""`soho migrate` and `soho seed` on the real database: idempotent, complete."""

import asyncio
import os
import subprocess
import sys

import aio_pika
import asyncpg

from soho.registry import SERVICE_NAMES


def soho(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "soho", *args], capture_output=True,
                          text=True, timeout=120)


async def test_migrate_is_idempotent_and_each_service_has_its_own_schema(database_url):
    again = await asyncio.to_thread(soho, "migrate")
    assert again.returncode == 0, again.stderr
    *schemas, bus = again.stdout.splitlines()
    assert schemas == [f"{name}: up to date" for name in SERVICE_NAMES]
    assert bus.startswith("bus: ")
    conn = await asyncpg.connect(database_url)
    try:
        for name in SERVICE_NAMES:
            tables = {r["table_name"] for r in await conn.fetch(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = $1",
                name)}
            assert {"outbox", "inbox"} <= tables, name
    finally:
        await conn.close()


async def test_seed_loads_the_communes_of_the_gers_once(database_url):
    first = await asyncio.to_thread(soho, "seed")
    assert first.returncode == 0, first.stderr
    second = await asyncio.to_thread(soho, "seed")
    assert "onboarding: villages already loaded" in second.stdout
    conn = await asyncpg.connect(database_url)
    try:
        assert await conn.fetchval("SELECT count(*) FROM onboarding.villages") == 458
        auch = await conn.fetchrow("SELECT * FROM onboarding.villages WHERE insee_code = '32013'")
        assert auch["name"] == "Auch" and auch["population"] > 20000
        assert 43.6 < auch["latitude"] < 43.7
    finally:
        await conn.close()


async def test_outbox_prune_deletes_old_published_events_of_every_service(database_url):
    migrated = await asyncio.to_thread(soho, "migrate")
    assert migrated.returncode == 0, migrated.stderr
    conn = await asyncpg.connect(database_url, server_settings={"search_path": "prospects"})
    try:
        await conn.execute("""
            INSERT INTO prospects.outbox (id, type, body, created_at, published_at)
            VALUES (gen_random_uuid(), 'old.published', '{}', now() - interval '3 hours',
                    now() - interval '2 hours'),
                   (gen_random_uuid(), 'recent.published', '{}', now(), now()),
                   (gen_random_uuid(), 'old.pending', '{}', now() - interval '3 hours', NULL)
            """)
        refused = await asyncio.to_thread(soho, "outbox", "prune", "--older-than-hours", "0")
        assert refused.returncode == 2 and "--older-than-hours" in refused.stderr
        pruned = await asyncio.to_thread(soho, "outbox", "prune", "--older-than-hours", "1")
        assert pruned.returncode == 0, pruned.stderr
        assert "prospects: 1 published event(s) older than 1 h deleted" in pruned.stdout
        assert len(pruned.stdout.splitlines()) == len(SERVICE_NAMES)
        left = {r["type"] for r in await conn.fetch(
            "SELECT type FROM prospects.outbox WHERE type LIKE 'old.%' OR type LIKE 'recent.%'")}
        assert left == {"recent.published", "old.pending"}
    finally:
        await conn.execute("DELETE FROM prospects.outbox WHERE type IN "
                           "('recent.published', 'old.pending')")
        await conn.close()


async def test_migrate_declares_every_consumer_queue_before_any_service_runs(amqp_url):
    """An event published before its consumer's queue exists would never reach it: after
    `soho migrate`, every queue and dead-letter queue is there, bound, with no service up."""
    from soho import registry

    migrated = await asyncio.to_thread(soho, "migrate")
    assert migrated.returncode == 0, migrated.stderr
    queues = registry.consumer_queues()
    assert f"bus: {len(queues)} consumer queues declared" in migrated.stdout
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        for name in [*queues, *(f"{q}.dlq" for q in queues)]:
            channel = await connection.channel()
            await channel.declare_queue(name, passive=True)  # raises if it does not exist
        # Bound: a contact published now waits in notifications' queue.
        channel = await connection.channel(publisher_confirms=True)
        exchange = await channel.get_exchange("soho.events")
        probe = await channel.declare_queue("notifications.contact.received", passive=True)
        before = probe.declaration_result.message_count
        await exchange.publish(aio_pika.Message(b"{}", message_id="probe"),
                               routing_key="contact.received", mandatory=True)
        probe = await channel.declare_queue("notifications.contact.received", passive=True)
        assert probe.declaration_result.message_count == before + 1
        await probe.purge()


def test_migrate_says_what_to_do_when_rabbitmq_is_unreachable():
    env = {**os.environ, "AMQP_URL": "amqp://guest:guest@127.0.0.1:1/"}
    result = subprocess.run([sys.executable, "-m", "soho", "migrate"], capture_output=True,
                            text=True, timeout=120, env=env)
    assert result.returncode == 1
    assert "the database is migrated" in result.stderr
    assert "run `soho migrate` again" in result.stderr
