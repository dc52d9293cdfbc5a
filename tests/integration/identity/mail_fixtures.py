"""Fixtures of the identity mail tests (imported by name from the test modules, so they do
not depend on a conftest shared with the other identity tests)."""

import contextlib
import uuid

import pytest

from services.identity.app import SERVICE
from services.identity.config import IdentitySettings
from shared.db import connect, create_pool
from tests.support.service_app import running_service
from tests.support.smtp import smtp_server  # noqa: F401  (fixture)


def fast_mail_settings(smtp_url: str | None, **overrides) -> dict:
    return {"SMTP_URL": smtp_url, "IDENTITY_MAIL_FIRST_BACKOFF": 0.05,
            "IDENTITY_MAIL_MAX_BACKOFF": 0.4, "IDENTITY_MAIL_MAX_ATTEMPTS": 5,
            "IDENTITY_MAIL_POLL_INTERVAL": 0.5, "IDENTITY_SMTP_TIMEOUT": 5.0,
            "IDENTITY_SENDER": "Soho Solo <bonjour@mail.soho-test.example.org>", **overrides}


def mail_settings(database_url: str, smtp_url: str | None, **overrides) -> IdentitySettings:
    return IdentitySettings(DATABASE_URL=database_url,
                            **fast_mail_settings(smtp_url, **overrides))


def address() -> str:
    return f"person-{uuid.uuid4().hex[:10]}@example.org"


@pytest.fixture
async def clean_mail(database_url):
    """No mail left by another test: a worker would send it (or count it) here."""
    conn = await connect(database_url, "identity")
    try:
        await conn.execute("DELETE FROM outgoing_mail")
    finally:
        await conn.close()


@pytest.fixture
async def identity_pool(database_url, clean_mail):
    pool = await create_pool(database_url, "identity")
    yield pool
    await pool.close()


@pytest.fixture
def identity_service(database_url, amqp_url, clean_mail):
    """`async with identity_service(smtp_url, **settings) as svc:` the whole service (its
    workers included), with short retry delays."""

    @contextlib.asynccontextmanager
    async def start(smtp_url: str | None, **overrides):
        async with running_service(SERVICE, database_url, amqp_url,
                                   **fast_mail_settings(smtp_url, **overrides)) as svc:
            yield svc

    return start
