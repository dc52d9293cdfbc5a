"""Where the tests run: their own database and RabbitMQ vhost, never the development ones."""

import os

from yarl import URL

BASE_DATABASE_URL = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/soho")
BASE_AMQP_URL = os.environ.get("AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")
TEST_VHOST = "soho_test"


def test_database_url(run_id: str) -> str:
    """A database of this test run's own (`<name>_test_<run>`), so two runs never collide."""
    url = URL(BASE_DATABASE_URL)
    return str(url.with_path(f"/{url.path.lstrip('/')}_test_{run_id}"))


def test_amqp_url() -> str:
    return str(URL(BASE_AMQP_URL).with_path("/" + TEST_VHOST))
