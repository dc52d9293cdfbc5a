"""RabbitMQ stopped and started while events flow: nothing lost, nothing done twice, and
the relay and the consumer resume by themselves."""

import asyncio
import os
import shutil
import subprocess

import pytest
from yarl import URL

from shared.db import connect
from shared.outbox import OutboxRelay, stage_event
from shared.outbox.relay import RelayConfig
from tests.support.consumer_harness import ConsumerHarness
from tests.support.waiting import wait_for

pytestmark = pytest.mark.broker_restart
EVENTS = 300
PACE = 0.01  # seconds between two committed business changes


def rabbitmqctl(*args: str) -> None:
    subprocess.run(["rabbitmqctl", *args], check=True, capture_output=True, timeout=120)


@pytest.fixture
def local_rabbitmq(amqp_url):
    if shutil.which("rabbitmqctl") is None or os.geteuid() != 0:
        pytest.skip("needs rabbitmqctl, as root, to stop and start the local broker")
    if URL(amqp_url).host not in ("127.0.0.1", "localhost", "::1"):
        pytest.skip("the broker is not local")
    yield
    rabbitmqctl("start_app")  # whatever happened, leave the broker running


async def test_nothing_is_lost_when_rabbitmq_stops_and_starts_mid_stream(
        local_rabbitmq, amqp_url, database_url, schema):
    consumer = await ConsumerHarness(amqp_url, database_url, schema).start()
    relay = OutboxRelay(RelayConfig(database_url, amqp_url, schema))
    stop = asyncio.Event()
    relay_task = asyncio.create_task(relay.run(stop))
    conn = await connect(database_url, schema)
    staged = 0

    async def produce(until: int) -> None:
        nonlocal staged
        while staged < until:
            async with conn.transaction():
                await stage_event(conn, consumer.ping(staged))
            staged += 1
            await asyncio.sleep(PACE)

    try:
        await produce(100)
        await wait_for(lambda: _effects(consumer, 10), message="events flowing")
        await asyncio.to_thread(rabbitmqctl, "stop_app")
        await produce(200)  # the business goes on while the broker is away
        await asyncio.to_thread(rabbitmqctl, "start_app")
        await produce(EVENTS)
        await wait_for(lambda: _effects(consumer, EVENTS), timeout=120, interval=0.5,
                       message=f"{EVENTS} effects after the broker came back")
        effects = [r["n"] for r in await consumer.effects()]
        assert sorted(effects) == list(range(EVENTS)), "each event once, none lost"
        assert relay.broker_outages >= 1, "the relay did meet the outage"
        assert await conn.fetchval(
            "SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0
    finally:
        stop.set()
        await asyncio.wait_for(relay_task, 15)
        await conn.close()
        await consumer.stop()


async def _effects(consumer: ConsumerHarness, at_least: int) -> bool:
    return len(await consumer.effects()) >= at_least
