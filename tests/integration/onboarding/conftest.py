"""Onboarding running in-process (its lifespan, consumers and relay) on the real database
and broker, with the communes loaded, and ways to send it events as prospects would."""

import asyncio
import datetime
import uuid

import pytest
from prometheus_client import REGISTRY

from services.onboarding.app import SERVICE
from services.onboarding.use_cases.seeding import seed_villages
from shared.db import connect
from shared.events import ProspectErased, ProspectQualified, new_event
from shared.outbox import OutboxRelay, stage_event
from shared.outbox.relay import RelayConfig
from tests.support.publishing import event_publisher
from tests.support.service_app import running_service
from tests.support.waiting import wait_for

PROSPECTS_SOURCE = "/soho/prospects"


@pytest.fixture(scope="module")
async def onboarding(database_url, amqp_url):
    conn = await connect(database_url, SERVICE.schema)
    try:
        async with conn.transaction():
            await seed_villages(conn)  # "already loaded" when another test seeded first
    finally:
        await conn.close()
    async with running_service(SERVICE, database_url, amqp_url) as service:
        yield service


@pytest.fixture
async def db(database_url):
    """A connection to onboarding's schema, to look at what the service stored."""
    conn = await connect(database_url, SERVICE.schema)
    yield conn
    await conn.close()


def qualified_event(prospect_id: uuid.UUID | None = None, **data):
    fields = {"prospect_id": prospect_id or uuid.uuid4(), "first_name": "Anna",
              "last_name": "de Vries", "email": "anna.devries@example.nl", "locale": "en",
              "household_size": 1, "sector": "software", "origin_country": "NL",
              "target_villages": [], "qualified_by": "marie", **data}
    return new_event(ProspectQualified(**fields), source=PROSPECTS_SOURCE,
                     subject=str(fields["prospect_id"]))


@pytest.fixture
async def prospects_outbox(database_url, amqp_url, schema):
    """An outbox and relay of its own, standing in for the prospects service."""
    relay = OutboxRelay(RelayConfig(database_url, amqp_url, schema))
    stop = asyncio.Event()
    task = asyncio.create_task(relay.run(stop))
    conn = await connect(database_url, schema)

    async def publish(event) -> None:
        async with conn.transaction():
            await stage_event(conn, event)

    yield publish
    stop.set()
    await asyncio.wait_for(task, 15)
    await conn.close()


@pytest.fixture
async def raw_publish(amqp_url):
    """Publish a CloudEvent straight to soho.events, as a relay re-sending it would."""
    async with event_publisher(amqp_url) as send:
        yield send


def erased_event(prospect_id: uuid.UUID):
    return new_event(ProspectErased(prospect_id=prospect_id), source=PROSPECTS_SOURCE,
                     subject=str(prospect_id))


async def handled(db, event) -> None:
    """Wait until onboarding's inbox recorded the event (its effect committed with it)."""
    await wait_for(lambda: db.fetchval("SELECT true FROM inbox WHERE event_id = $1", event.id),
                   timeout=20, message=f"{event.type} {event.id} handled")


def deliveries(queue: str, outcome: str) -> float:
    return REGISTRY.get_sample_value("soho_events_consumed_total",
                                     {"queue": queue, "outcome": outcome}) or 0.0


@pytest.fixture
async def new_case(onboarding, db, raw_publish):
    """Opens a case through the real consumer; returns it as staff read it."""

    async def open_one(**data) -> dict:
        event = qualified_event(**data)
        await raw_publish(event)
        await handled(db, event)
        answer = await onboarding.client.get(
            "/api/cases", params={"prospect_id": str(event.data.prospect_id)},
            headers=onboarding.staff())
        [case] = answer.json()
        return case

    return open_one


@pytest.fixture
async def new_member(onboarding, new_case):
    """An installed household, 200 days ago: (case, member id)."""
    installed_on = (datetime.date.today() - datetime.timedelta(days=200)).isoformat()

    async def install_one(village: str = "32013", **data) -> tuple[dict, uuid.UUID]:
        case = await new_case(**data)
        answer = await onboarding.client.post(
            f"/api/cases/{case['id']}/install", headers=onboarding.staff(),
            json={"village": village, "installed_on": installed_on, "household_size": 2})
        assert answer.status_code == 201, answer.text
        return case, uuid.UUID(answer.json()["member_id"])

    return install_one
