"""One bookings service (with its relay) for this package's tests; its clock and policy
may be changed by a test and are restored after it."""

import pytest

from services.bookings.app import SERVICE
from tests.support.browser import browser  # noqa: F401 (the fixture, for the page tests)
from tests.support.service_app import running_service


@pytest.fixture(scope="package")
async def service(database_url, amqp_url):
    async with running_service(SERVICE, database_url, amqp_url,
                               BOOKINGS_RATE_LIMIT_PER_MINUTE=100_000) as running:
        yield running


@pytest.fixture(autouse=True)
def _restore_clock_and_policy(request):
    if "service" not in request.fixturenames:
        yield
        return
    service = request.getfixturevalue("service")
    settings = service.app.state.settings
    saved = settings.model_dump()
    yield
    service.app.state.clock = None
    for key, value in saved.items():
        setattr(settings, key, value)
