"""Fixtures of the notifications integration tests: a real SMTP server, a clean schema,
a way to publish events as a relay would, and the service itself."""

import contextlib
import uuid

import pytest

from services.notifications.app import SERVICE
from shared.db import connect
from tests.support.publishing import event_publisher
from tests.support.service_app import running_service
from tests.support.smtp import smtp_server  # noqa: F401  (fixture)

TABLES = ("deliveries", "contacts", "members", "parked_events", "digest_items",
          "template_overrides", "suppressions", "committees", "removed_committees")


@pytest.fixture(autouse=True)
async def clean_schema(database_url):
    conn = await connect(database_url, "notifications")
    try:
        await conn.execute(f"TRUNCATE {', '.join(TABLES)}")
    finally:
        await conn.close()


@pytest.fixture
async def db(database_url):
    conn = await connect(database_url, "notifications")
    yield conn
    await conn.close()


@pytest.fixture
async def publish(amqp_url):
    """Publish to soho.events as a relay would (persistent, message_id = event id)."""
    async with event_publisher(amqp_url) as send:
        yield send


def fast_settings(smtp_url: str, **overrides) -> dict:
    staff = f"staff-{uuid.uuid4().hex[:8]}@example.org"
    return {"SMTP_URL": smtp_url, "NOTIFICATIONS_STAFF_EMAILS": [staff],
            "NOTIFICATIONS_FIRST_BACKOFF": 0.05, "NOTIFICATIONS_MAX_BACKOFF": 0.4,
            "NOTIFICATIONS_MAX_ATTEMPTS": 6, "NOTIFICATIONS_POLL_INTERVAL": 0.5,
            "NOTIFICATIONS_SMTP_TIMEOUT": 5.0, "NOTIFICATIONS_WEBHOOK_TIMEOUT": 2.0,
            "SOHO_PUBLIC_URL": "https://soho-solo.example.org", **overrides}


@pytest.fixture
def service(database_url, amqp_url):
    """`async with service(smtp_url, **settings) as svc:` the notifications service with
    its relay, short retry delays, and a staff address of its own (svc.staff_email)."""

    @contextlib.asynccontextmanager
    async def start(smtp_url: str, **overrides):
        settings = fast_settings(smtp_url, **overrides)
        async with running_service(SERVICE, database_url, amqp_url, **settings) as svc:
            svc.staff_email = next(iter(settings["NOTIFICATIONS_STAFF_EMAILS"]), None)
            yield svc

    return start
