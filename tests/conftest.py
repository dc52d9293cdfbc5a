"""Fixtures shared by every test: the test database and vhost, fresh schemas, listeners.

Integration and end-to-end tests use the real PostgreSQL and RabbitMQ of this machine
(`make test` makes sure they run), in a database `<name>_test` and a vhost `soho_test`."""

import asyncio
import os
import uuid
from pathlib import Path

import aio_pika
import asyncpg
import pytest

from tests.support.platform_env import (BASE_AMQP_URL, test_amqp_url,
                                        test_database_url)


def _pick_amqp_url() -> str:
    """The test vhost when it exists (scripts/ensure-services.sh --test creates it)."""

    async def probe(url: str) -> bool:
        try:
            connection = await aio_pika.connect(url, timeout=5)
        except Exception:
            return False
        await connection.close()
        return True

    url = test_amqp_url()
    return url if asyncio.run(probe(url)) else BASE_AMQP_URL


RUN_ID = uuid.uuid4().hex[:8]
DATABASE_URL = test_database_url(RUN_ID)
AMQP_URL = _pick_amqp_url()
# Everything started from here (services, relays, `soho` subprocesses) uses the test ones.
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ["AMQP_URL"] = AMQP_URL
os.environ["SOHO_SECRET"] = "test-secret-" + uuid.uuid4().hex
os.environ.setdefault("SOHO_LOG_LEVEL", "WARNING")


@pytest.fixture(scope="session")
def amqp_url() -> str:
    return AMQP_URL


async def _drop_databases(admin: asyncpg.Connection, pattern: str, *, idle_only: bool) -> None:
    names = await admin.fetch(
        "SELECT datname FROM pg_database d WHERE datname LIKE $1 AND NOT ($2 AND EXISTS ("
        "SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname))", pattern, idle_only)
    for row in names:
        await admin.execute(f'DROP DATABASE IF EXISTS "{row["datname"]}" WITH (FORCE)')


@pytest.fixture(scope="session")
async def database_url():
    """This run's own database, every service's schema migrated; dropped at the end."""
    from shared.db import asyncpg_dsn
    from soho import registry
    from soho.database import migrate

    dsn = asyncpg_dsn(DATABASE_URL)
    prefix = dsn.rsplit("/", 1)[1].removesuffix(RUN_ID)
    admin_dsn = dsn.rsplit("/", 1)[0] + "/postgres"
    admin = await asyncpg.connect(admin_dsn)
    try:  # what killed runs left behind, if nobody uses it
        await _drop_databases(admin, prefix.replace("_", r"\_") + "%", idle_only=True)
    finally:
        await admin.close()
    await asyncio.to_thread(migrate, DATABASE_URL, registry.all_services())
    yield DATABASE_URL
    admin = await asyncpg.connect(admin_dsn)
    try:
        await _drop_databases(admin, dsn.rsplit("/", 1)[1], idle_only=False)
    finally:
        await admin.close()


@pytest.fixture
async def schema(database_url: str):
    """A throw-away schema with the platform's outbox and inbox tables."""
    from shared.migrations import apply_migrations

    name = f"t_{uuid.uuid4().hex[:10]}"
    await asyncio.to_thread(apply_migrations, database_url, name, Path("/no-service-migrations"))
    yield name
    conn = await asyncpg.connect(database_url)
    try:
        await conn.execute(f'DROP SCHEMA "{name}" CASCADE')
    finally:
        await conn.close()


@pytest.fixture
async def listener(amqp_url: str):
    from tests.support.listener import OutsideListener

    async with OutsideListener(amqp_url) as outside:
        yield outside
