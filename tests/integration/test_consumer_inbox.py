"""Consumers: one effect per event, poison to the dead-letter queue, replay, on the real broker."""

import asyncio
import subprocess
import sys

import aio_pika
import pytest
from prometheus_client import REGISTRY
from yarl import URL

from shared.bus.topology import (DELIVERY_LIMIT, EVENTS_EXCHANGE, dead_letter_queue_name,
                                  declare_core)
from shared.events import CONTENT_TYPE
from tests.support.consumer_harness import ConsumerHarness
from tests.support.tcp_proxy import TcpProxy
from tests.support.waiting import wait_for


@pytest.fixture
async def consumer(amqp_url, database_url, schema):
    harness = await ConsumerHarness(amqp_url, database_url, schema).start()
    yield harness
    await harness.stop()


@pytest.fixture
async def publish(amqp_url):
    """Publish straight to soho.events, as a relay (or a redelivering broker) would."""
    connection = await aio_pika.connect(amqp_url)
    channel = await connection.channel(publisher_confirms=True)
    await declare_core(channel)  # this test may be the first of the run to use the bus
    exchange = await channel.get_exchange(EVENTS_EXCHANGE)

    async def send(event=None, body: bytes | None = None, message_id: str | None = None):
        await exchange.publish(
            aio_pika.Message(body if body is not None else event.to_json_bytes(),
                             content_type=CONTENT_TYPE, message_id=message_id or str(event.id),
                             delivery_mode=aio_pika.DeliveryMode.PERSISTENT),
            routing_key="test.pinged", mandatory=True)

    yield send
    await connection.close()


async def dead_letter_count(amqp_url: str, queue: str) -> int:
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        channel = await connection.channel()
        dlq = await channel.declare_queue(dead_letter_queue_name(queue), passive=True)
        return dlq.declaration_result.message_count


def soho(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "soho", *args], capture_output=True,
                          text=True, timeout=60)


async def test_the_same_event_delivered_twice_has_one_effect(consumer, publish):
    event, later = consumer.ping(1), consumer.ping(2)
    await publish(event)
    await publish(event)  # a redelivery, or a relay that crashed before marking it sent
    await publish(later)
    await wait_for(lambda: deliveries(consumer.queue, "handled") == 2
                   and deliveries(consumer.queue, "duplicate") == 1, message="3 deliveries")
    effects = await consumer.effects()
    assert [(r["event_id"], r["n"]) for r in effects] == [(event.id, 1), (later.id, 2)]


async def test_duplicates_spread_over_two_copies_of_a_consumer_have_one_effect(
        amqp_url, database_url, schema, publish):
    first = await ConsumerHarness(amqp_url, database_url, schema).start()
    second = ConsumerHarness(amqp_url, database_url, schema)
    second.name = first.name  # a second copy of the same consumer, sharing its queue
    await second.start()
    try:
        events = [first.ping(n) for n in range(50)]
        for event in events:
            await publish(event)
            await publish(event)
        # Every one of the 100 deliveries is accounted for: 50 handled, 50 skipped.
        await wait_for(lambda: deliveries(first.queue, "handled") + deliveries(
            first.queue, "duplicate") == 100, timeout=30, message="100 deliveries")
        assert deliveries(first.queue, "duplicate") == 50
        effects = await first.effects()
        assert sorted(r["n"] for r in effects) == list(range(50))
    finally:
        await second.stop(delete_queues=False)
        await first.stop()


def deliveries(queue: str, outcome: str) -> float:
    return REGISTRY.get_sample_value("soho_events_consumed_total",
                                     {"queue": queue, "outcome": outcome}) or 0


async def _has(consumer: ConsumerHarness, n: int) -> bool:
    return any(r["n"] == n for r in await consumer.effects())


async def _count_is(consumer: ConsumerHarness, count: int) -> bool:
    return len(await consumer.effects()) >= count


async def test_a_malformed_event_is_dead_lettered_at_once_and_the_rest_flows(
        consumer, publish, amqp_url):
    await publish(body=b'{"specversion": "1.0", "nonsense": true}', message_id="broken-1")
    good = consumer.ping(1)
    await publish(good)
    await wait_for(lambda: _has(consumer, 1), message="the good event handled")
    assert await wait_for(lambda: dead_letter_count(amqp_url, consumer.queue)) == 1


async def test_a_poison_event_reaches_its_dead_letter_queue_and_can_be_replayed(
        consumer, publish, amqp_url):
    poison = consumer.ping(0, poison=True)
    await publish(poison)
    healthy = [consumer.ping(n) for n in range(1, 21)]
    for event in healthy:
        await publish(event)

    # The rest keeps flowing while the poison message is retried and then set aside.
    await wait_for(lambda: _count_is(consumer, 20), timeout=30, message="20 healthy effects")
    assert await wait_for(lambda: dead_letter_count(amqp_url, consumer.queue), timeout=60,
                          message=f"dead-lettered after {DELIVERY_LIMIT} deliveries") == 1
    assert 0 not in [r["n"] for r in await consumer.effects()]

    listed = await asyncio.to_thread(soho, "dlq", "list", consumer.queue)
    assert listed.returncode == 0, listed.stderr
    assert f"{consumer.queue}.dlq\t1 message(s)" in listed.stdout
    assert str(poison.id) in listed.stdout and "test.pinged" in listed.stdout

    consumer.accept_poison = True  # the bug is fixed
    replayed = await asyncio.to_thread(soho, "dlq", "replay", consumer.queue)
    assert replayed.returncode == 0, replayed.stderr
    assert "replayed 1 message(s)" in replayed.stdout
    await wait_for(lambda: _has(consumer, 0), message="the replayed event handled")
    assert await dead_letter_count(amqp_url, consumer.queue) == 0
    effects = [r["n"] for r in await consumer.effects()]
    assert effects.count(0) == 1 and len(effects) == 21


async def test_replaying_an_unknown_queue_says_so(amqp_url):
    result = await asyncio.to_thread(soho, "dlq", "replay", "nobody.test.pinged")
    assert result.returncode != 0
    assert "no dead-letter queue 'nobody.test.pinged.dlq'" in result.stderr


async def _inbox_transactions(consumer: ConsumerHarness) -> tuple[int, int]:
    """(events recorded in the inbox, distinct transactions that recorded them): `now()` is
    the transaction's start time, so events claimed together share their `handled_at`."""
    async with consumer.pool.acquire() as conn:
        row = await conn.fetchrow("SELECT count(*) AS events, count(DISTINCT handled_at) AS tx "
                                  "FROM inbox WHERE consumer = $1", consumer.queue)
    return row["events"], row["tx"]


async def test_a_backlog_is_handled_in_shared_transactions_each_event_once(
        amqp_url, database_url, schema, publish):
    first = await ConsumerHarness(amqp_url, database_url, schema).start()
    await first.stop(delete_queues=False)  # the queue stays; 300 events wait in it
    events = [first.ping(n) for n in range(300)]
    for event in events:
        await publish(event)
    await publish(events[7])  # and one redelivered copy among them
    backlog = ConsumerHarness(amqp_url, database_url, schema)
    backlog.name, backlog.source = first.name, first.source
    await backlog.start()
    try:
        await wait_for(lambda: _count_is(backlog, 300), timeout=60, message="300 effects")
        await wait_for(lambda: deliveries(backlog.queue, "duplicate") >= 1,
                       message="the copy skipped")
        effects = [r["n"] for r in await backlog.effects()]
        assert sorted(effects) == list(range(300)), "every event once, none twice"
        recorded, transactions = await _inbox_transactions(backlog)
        assert recorded == 300
        assert transactions < 100, f"300 events in {transactions} transactions: not batched"
    finally:
        await backlog.stop()


async def test_a_failing_event_in_a_batch_does_not_hold_back_the_others(
        amqp_url, database_url, schema, publish):
    first = await ConsumerHarness(amqp_url, database_url, schema).start()
    await first.stop(delete_queues=False)
    events = [first.ping(n, poison=(n == 50)) for n in range(100)]
    for event in events:
        await publish(event)
    backlog = ConsumerHarness(amqp_url, database_url, schema)
    backlog.name, backlog.source = first.name, first.source
    await backlog.start()
    try:
        # The batch holding the poison rolls back and its events are retried one by one:
        # all 99 healthy ones commit, the poison one goes to its dead-letter queue.
        await wait_for(lambda: _count_is(backlog, 99), timeout=60, message="99 effects")
        assert await wait_for(lambda: dead_letter_count(amqp_url, backlog.queue), timeout=60,
                              message="the poison event dead-lettered") == 1
        effects = [r["n"] for r in await backlog.effects()]
        assert sorted(effects) == [n for n in range(100) if n != 50]
    finally:
        await backlog.stop()


async def test_a_database_outage_longer_than_the_redeliveries_sends_nothing_to_the_dlq(
        amqp_url, database_url, schema, publish):
    """Events are retried in place while the database is away: an outage is not the events'
    fault and must not use up their deliveries (the delivery limit would dead-letter them)."""
    url = URL(database_url)
    proxy = await TcpProxy(url.host, url.port or 5432).start()
    harness = await ConsumerHarness(amqp_url, str(url.with_port(proxy.port)), schema).start()
    try:
        await proxy.cut()
        events = [harness.ping(n) for n in range(20)]
        for event in events:
            await publish(event)
        # Every event tried more times than the queue's delivery limit allows.
        await wait_for(lambda: deliveries(harness.queue, "retried_in_place")
                       >= len(events) * (DELIVERY_LIMIT + 1), timeout=60,
                       message="each event retried past the delivery limit")
        await proxy.restore()
        await wait_for(lambda: _count_is(harness, 20), timeout=60, message="20 effects")
        assert sorted(r["n"] for r in await harness.effects()) == list(range(20))
        assert await dead_letter_count(amqp_url, harness.queue) == 0
    finally:
        await harness.stop()
        await proxy.cut()
