"""Pruning the outbox: published events older than the retention go, in batches, by the
relay on its own or by `soho outbox prune`; pending events stay whatever their age."""

import asyncio
from pathlib import Path

import asyncpg

from shared.config import ServiceSettings
from shared.db import connect
from shared.outbox import OutboxRelay, store
from shared.outbox.relay import RelayConfig
from shared.outbox.store import prune_published
from shared.service import ServiceDefinition
from soho.outbox_status import prune_outboxes
from tests.support.events import ping
from tests.support.relaying import run_relay, stage, stop_relay
from tests.support.waiting import wait_for

WEEK = 168

ADD_ROWS = """
INSERT INTO outbox (id, type, body, created_at, published_at, attempts, last_error)
SELECT gen_random_uuid(), $2, '{}'::bytea,
       now() - make_interval(hours => $3), now() - make_interval(hours => $4), $5, $6
FROM generate_series(1, $1)
"""
# The pruning statement, made to last 8 s even on an empty table.
SLOW_PRUNE = store.PRUNE + " AND (SELECT pg_sleep(8)::text) IS NOT NULL"


async def add_rows(conn: asyncpg.Connection, count: int, *, kind: str, created_hours_ago: int,
                   published_hours_ago: int | None, attempts: int = 0) -> None:
    """`count` outbox rows of type `kind`; published_hours_ago=None leaves them pending."""
    await conn.execute(ADD_ROWS, count, kind, created_hours_ago, published_hours_ago,
                       attempts, "unroutable: no queue" if attempts else None)


async def counts(conn: asyncpg.Connection) -> dict[str, int]:
    rows = await conn.fetch("SELECT type, count(*) AS n FROM outbox GROUP BY type")
    return {r["type"]: r["n"] for r in rows}


async def no_row_of(conn: asyncpg.Connection, kind: str) -> bool:
    return not await conn.fetchval("SELECT count(*) FROM outbox WHERE type = $1", kind)


async def prune_all(conn: asyncpg.Connection, hours: float, batch_size: int) -> list[int]:
    return [count async for count in prune_published(conn, hours, batch_size)]


async def test_old_published_events_go_recent_ones_and_every_pending_one_stay(
        database_url, schema):
    conn = await connect(database_url, schema)
    try:
        await add_rows(conn, 30, kind="old.published", created_hours_ago=WEEK + 30,
                       published_hours_ago=WEEK + 1)
        await add_rows(conn, 20, kind="recent.published", created_hours_ago=WEEK + 30,
                       published_hours_ago=WEEK - 1)
        await add_rows(conn, 5, kind="old.pending", created_hours_ago=10 * WEEK,
                       published_hours_ago=None)
        await add_rows(conn, 5, kind="old.failing", created_hours_ago=10 * WEEK,
                       published_hours_ago=None, attempts=40)

        assert await prune_all(conn, WEEK, 1000) == [30]
        assert await counts(conn) == {"recent.published": 20, "old.pending": 5,
                                      "old.failing": 5}
        assert await prune_all(conn, WEEK, 1000) == [0], "nothing more to delete"
    finally:
        await conn.close()


async def test_more_rows_than_one_batch_all_go_one_batch_per_statement(database_url, schema):
    conn = await connect(database_url, schema)
    try:
        await add_rows(conn, 2500, kind="old.published", created_hours_ago=WEEK + 2,
                       published_hours_ago=WEEK + 1)
        await add_rows(conn, 3, kind="old.pending", created_hours_ago=WEEK + 2,
                       published_hours_ago=None)
        assert await prune_all(conn, WEEK, 1000) == [1000, 1000, 500]
        assert await counts(conn) == {"old.pending": 3}
    finally:
        await conn.close()


async def test_pruners_at_once_share_the_work_and_never_wait_for_a_locked_row(
        database_url, schema):
    conns = [await connect(database_url, schema) for _ in range(4)]
    setup, holder, *pruners = conns
    try:
        await add_rows(setup, 3000, kind="old.published", created_hours_ago=WEEK + 2,
                       published_hours_ago=WEEK + 1)
        await add_rows(setup, 10, kind="recent.published", created_hours_ago=2,
                       published_hours_ago=1)
        # Another transaction holds a few old rows: pruners skip them instead of waiting.
        held = await setup.fetchval("SELECT array_agg(id) FROM (SELECT id FROM outbox "
                                    "WHERE type = 'old.published' ORDER BY seq LIMIT 7) s")
        holder_tx = holder.transaction()
        await holder_tx.start()
        await holder.execute("SELECT 1 FROM outbox WHERE id = ANY($1) FOR UPDATE", held)

        batches = await asyncio.wait_for(asyncio.gather(
            *(prune_all(c, WEEK, 50) for c in pruners)), timeout=30)
        assert all(sum(b) > 0 for b in batches), "each pruner deleted a share"
        assert sum(map(sum, batches)) == 3000 - 7, "every row deleted once, none twice"
        assert await counts(setup) == {"old.published": 7, "recent.published": 10}

        await holder_tx.rollback()
        assert await prune_all(pruners[0], WEEK, 50) == [7]
        assert await counts(setup) == {"recent.published": 10}
    finally:
        for conn in conns:
            await conn.close()


async def test_a_running_relay_prunes_by_itself_and_keeps_publishing(
        database_url, amqp_url, schema, listener):
    conn = await connect(database_url, schema)
    relay = OutboxRelay(RelayConfig(database_url, amqp_url, schema, prune_interval=0.2,
                                    prune_batch_size=100))
    stop, task = await run_relay(relay)
    try:
        await wait_for(lambda: relay.idle, message="relay started and idle")
        # Rows that appear after the relay started: a later pass, not the first one, takes them.
        await add_rows(conn, 250, kind="old.published", created_hours_ago=WEEK + 2,
                       published_hours_ago=WEEK + 1)
        await add_rows(conn, 4, kind="recent.published", created_hours_ago=2,
                       published_hours_ago=1)
        await wait_for(lambda: no_row_of(conn, "old.published"), timeout=15,
                       message="the relay pruned the old published rows")
        event = ping(1)
        await stage(database_url, schema, event)
        await listener.wait_for_ids({str(event.id)}, timeout=10)
    finally:
        await stop_relay(stop, task)
    assert relay.pruned == 250
    remaining = await counts(conn)
    await conn.close()
    assert remaining == {"recent.published": 4, "test.pinged": 1}


async def test_a_slow_pruning_statement_does_not_hold_publication_up(
        database_url, amqp_url, schema, listener, monkeypatch):
    """The pass runs on the LISTEN connection, whose NOTIFYs wait for the statement: the
    relay polls meanwhile, instead of waiting for its next (here hourly) poll."""
    relay = OutboxRelay(RelayConfig(database_url, amqp_url, schema, poll_interval=3600,
                                    prune_interval=0.5))
    admin = await connect(database_url)
    stop, task = await run_relay(relay)
    try:
        await wait_for(lambda: relay.idle and not relay.pruner.running,
                       message="relay waiting for a NOTIFY, its next poll an hour away")
        monkeypatch.setattr(store, "PRUNE", SLOW_PRUNE)  # the next pass
        await wait_for(lambda: admin.fetchval(
            "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
            "AND query LIKE '%pg_sleep(8)%' AND pid <> pg_backend_pid()"),
            message="the slow pruning statement running")
        event = ping(1)
        await stage(database_url, schema, event)
        await listener.wait_for_ids({str(event.id)}, timeout=3)
    finally:
        await stop_relay(stop, task)
        await admin.close()


async def test_a_pruning_pass_on_a_broken_connection_is_logged_not_raised(
        database_url, amqp_url, schema):
    relay = OutboxRelay(RelayConfig(database_url, amqp_url, schema))
    conn = await connect(database_url, schema)
    admin = await connect(database_url)
    await admin.execute("SELECT pg_terminate_backend($1)", conn.get_server_pid())
    await admin.close()
    assert await relay.prune(conn, asyncio.Event()) == 0
    conn.terminate()


async def test_a_relay_keeps_pruning_after_its_connections_are_killed(
        database_url, amqp_url, schema):
    relay = OutboxRelay(RelayConfig(database_url, amqp_url, schema, prune_interval=0.2))
    stop, task = await run_relay(relay)
    admin = await asyncpg.connect(database_url)
    conn = await connect(database_url, schema)
    try:
        await wait_for(lambda: relay.idle, message="relay started and idle")
        await admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                            "WHERE application_name = $1 AND pid <> $2",
                            f"soho-{schema}", conn.get_server_pid())
        await add_rows(conn, 30, kind="old.published", created_hours_ago=WEEK + 2,
                       published_hours_ago=WEEK + 1)
        await wait_for(lambda: no_row_of(conn, "old.published"), timeout=20,
                       message="pruned after reconnecting")
        assert not task.done(), "the relay is still running"
    finally:
        await stop_relay(stop, task)
        await conn.close()
        await admin.close()


async def test_soho_outbox_prune_deletes_and_says_how_many(database_url, schema):
    conn = await connect(database_url, schema)
    await add_rows(conn, 12, kind="old.published", created_hours_ago=30, published_hours_ago=25)
    await add_rows(conn, 3, kind="recent.published", created_hours_ago=30, published_hours_ago=23)
    await add_rows(conn, 2, kind="old.pending", created_hours_ago=30, published_hours_ago=None)
    service = ServiceDefinition(name=schema, title="t", description="t",
                                settings=ServiceSettings, package_dir=Path("/none"))

    assert await prune_outboxes(database_url, [service], 24) == [
        f"{schema}: 12 published event(s) older than 24 h deleted"]
    assert await counts(conn) == {"recent.published": 3, "old.pending": 2}
    await conn.close()
