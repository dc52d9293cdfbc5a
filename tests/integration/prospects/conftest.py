"""The prospects service running in-process on the run's database and broker."""

import pytest

from services.prospects.app import SERVICE
from shared.db import connect
from tests.support.browser import browser  # noqa: F401 (the fixture, for the form tests)
from tests.support.service_app import running_service

# Many requests come from one test address: the limit is tested on a service of its own.
GENEROUS = {"contact_rate_limit": "100000/minute"}


@pytest.fixture(scope="module")
async def prospects(database_url, amqp_url):
    async with running_service(SERVICE, database_url, amqp_url, **GENEROUS) as service:
        yield service


@pytest.fixture
async def db(database_url):
    """A connection to the prospects schema, to check what was (not) written."""
    conn = await connect(database_url, SERVICE.schema)
    yield conn
    await conn.close()
