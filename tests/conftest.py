"""Fixtures shared by every test: the test database and vhost, fresh schemas, listeners.

Integration and end-to-end tests use the real PostgreSQL and RabbitMQ of this machine
(`make test` makes sure they run), in a database `<name>_test` and a vhost `soho_test`."""

import asyncio
import contextlib
import os
import time
import uuid
from pathlib import Path

import aio_pika
import asyncpg
import pytest

from tests.support import rabbitmq_vhost
from tests.support.platform_env import (BASE_AMQP_URL, TEST_VHOST, test_amqp_url,
                                        test_database_url)


def _pick_amqp_url() -> str:
    """This run's own vhost where we can make one, else the shared test vhost when it exists
    (scripts/ensure-services.sh --test creates it), else the default vhost."""
    if rabbitmq_vhost.can_manage_vhosts(BASE_AMQP_URL):
        try:
            rabbitmq_vhost.delete_stale_vhosts(f"{TEST_VHOST}_")
            return rabbitmq_vhost.create_run_vhost(BASE_AMQP_URL, RUN_VHOST)
        except Exception:  # broker stopped, or rabbitmqctl refused: use the shared one
            pass

    async def probe(url: str) -> bool:
        try:
            connection = await aio_pika.connect(url, timeout=5)
        except Exception:
            return False
        await connection.close()
        return True

    url = test_amqp_url()
    return url if asyncio.run(probe(url)) else BASE_AMQP_URL


RUN_ID = f"{int(time.time())}_{uuid.uuid4().hex[:6]}"  # creation time first: see is_stale
DATABASE_URL = test_database_url(RUN_ID)
RUN_VHOST = f"{TEST_VHOST}_{RUN_ID}"
AMQP_URL = _pick_amqp_url()
# Everything started from here (services, relays, `soho` subprocesses) uses the test ones.
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ["AMQP_URL"] = AMQP_URL
os.environ["SOHO_SECRET"] = "test-secret-" + uuid.uuid4().hex
os.environ.setdefault("SOHO_LOG_LEVEL", "WARNING")


@pytest.fixture(scope="session")
def amqp_url() -> str:
    return AMQP_URL


def pytest_sessionfinish(session, exitstatus) -> None:
    """The run's vhost goes at the end of every run, even one that never used it."""
    if AMQP_URL.endswith("/" + RUN_VHOST):
        rabbitmq_vhost.delete_vhost(RUN_VHOST)


@contextlib.asynccontextmanager
async def _connection(dsn: str):
    conn = await asyncpg.connect(dsn)
    try:
        yield conn
    finally:
        await conn.close()


async def _drop_stale_databases(admin: asyncpg.Connection, prefix: str) -> None:
    """Databases that killed runs left behind: over an hour old, nobody connected."""
    names = await admin.fetch(
        "SELECT datname FROM pg_database d WHERE starts_with(datname, $1) AND NOT EXISTS ("
        "SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)", prefix)
    for row in names:
        if rabbitmq_vhost.is_stale(row["datname"].removeprefix(prefix)):
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
    async with _connection(admin_dsn) as admin:
        await _drop_stale_databases(admin, prefix)
    await asyncio.to_thread(migrate, DATABASE_URL, registry.all_services())
    yield DATABASE_URL
    async with _connection(admin_dsn) as admin:
        await admin.execute(f'DROP DATABASE IF EXISTS "{dsn.rsplit("/", 1)[1]}" WITH (FORCE)')


@pytest.fixture
async def schema(database_url: str):
    """A throw-away schema with the platform's outbox and inbox tables."""
    from shared.migrations import apply_migrations

    name = f"t_{uuid.uuid4().hex[:10]}"
    await asyncio.to_thread(apply_migrations, database_url, name, Path("/no-service-migrations"))
    yield name
    async with _connection(database_url) as conn:
        await conn.execute(f'DROP SCHEMA "{name}" CASCADE')


@pytest.fixture
async def listener(amqp_url: str):
    from tests.support.listener import OutsideListener

    async with OutsideListener(amqp_url) as outside:
        yield outside
