"""The fault test runs the platform on a PostgreSQL and a RabbitMQ of its own, which it may
kill; the machine's shared ones (used by the other tests and CI) are never touched."""

import pytest

from tests.support.private_servers import missing_binaries, private_postgres, private_rabbitmq


@pytest.fixture
def private_postgresql():
    reason = missing_binaries()
    if reason:
        pytest.skip(reason)
    with private_postgres() as server:
        yield server


@pytest.fixture
def private_broker(private_postgresql):
    with private_rabbitmq() as server:
        yield server
