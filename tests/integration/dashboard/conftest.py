"""The dashboard running in-process (its lifespan, consumers) on the real database and
broker, and ways to publish events to it as the other services' relays would."""

import contextlib
import datetime
import uuid
from collections.abc import Iterable

import aio_pika
import pytest

from services.dashboard.app import SERVICE
from services.dashboard.domain.dates import local_date
from shared.db import connect
from services.dashboard.domain.incoming import CONSUMED_TYPES
from tests.support.browser import browser  # noqa: F401
from tests.support.publishing import event_publisher
from tests.support.service_app import running_service
from tests.support.waiting import wait_for

QUEUES = [f"dashboard.{event_type}" for event_type in CONSUMED_TYPES]


def today() -> datetime.date:
    return local_date(datetime.datetime.now(datetime.UTC))


async def purge_dashboard_queues(amqp_url: str) -> None:
    """Events other test modules left in the dashboard's durable queues while it was not
    running: dropped, so each module's figures move only with its own events."""
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        for name in QUEUES:
            channel = await connection.channel()
            with contextlib.suppress(aio_pika.exceptions.ChannelClosed):
                queue = await channel.declare_queue(name, passive=True)
                await queue.purge()
            if not channel.is_closed:
                await channel.close()


@pytest.fixture(scope="module")
async def dashboard(database_url, amqp_url):
    await purge_dashboard_queues(amqp_url)
    async with running_service(SERVICE, database_url, amqp_url) as service:
        yield service


@pytest.fixture
async def db(database_url):
    """A connection to the dashboard's schema, to look at what it stored."""
    conn = await connect(database_url, SERVICE.schema)
    yield conn
    await conn.close()


publisher = event_publisher  # as a relay publishes


@pytest.fixture
async def publish(amqp_url):
    async with publisher(amqp_url) as send:
        yield send


async def handled(db, event_ids: Iterable[uuid.UUID], timeout: float = 30) -> None:
    """Wait until the dashboard's inbox has every one of these events (figures moved)."""
    wanted = set(event_ids)

    async def all_in() -> bool:
        rows = await db.fetch("SELECT event_id FROM inbox WHERE event_id = ANY($1::uuid[])",
                              list(wanted))
        return {r["event_id"] for r in rows} >= wanted

    await wait_for(all_in, timeout=timeout, message=f"{len(wanted)} events handled")


async def kpis(service) -> dict:
    answer = await service.client.get("/api/kpis", headers=service.staff())
    assert answer.status_code == 200, answer.text
    return answer.json()

