"""/health and /ready of a real service process wiring, against real dependencies."""

import httpx
import pytest
from yarl import URL

from services.dashboard.app import SERVICE
from shared.http.app import create_app
from tests.support.tcp_proxy import TcpProxy
from tests.support.waiting import wait_for


async def _ready(client: httpx.AsyncClient) -> httpx.Response:
    return await client.get("/ready")


@pytest.fixture
async def postgres_proxy(database_url):
    url = URL(database_url)
    proxy = await TcpProxy(url.host, url.port or 5432).start()
    yield proxy
    await proxy.cut()


async def test_ready_answers_503_while_the_database_is_unreachable(
        database_url, amqp_url, postgres_proxy):
    proxied = str(URL(database_url).with_port(postgres_proxy.port))
    app = create_app(SERVICE, SERVICE.settings(DATABASE_URL=proxied, AMQP_URL=amqp_url))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
            await wait_for(lambda: _is(client, 200), message="ready at first")

            await postgres_proxy.cut()
            response = await wait_for(lambda: _is(client, 503), message="503 when cut")
            body = response.json()
            assert body["status"] == "unavailable"
            assert body["checks"]["database"] != "ok"
            assert body["checks"]["broker"] == "ok"
            assert (await client.get("/health")).status_code == 200, "alive all the same"

            await postgres_proxy.restore()
            await wait_for(lambda: _is(client, 200), message="ready again once it is back")


async def test_ready_answers_503_while_the_broker_is_unreachable(database_url):
    app = create_app(SERVICE, SERVICE.settings(DATABASE_URL=database_url,
                                               AMQP_URL="amqp://guest:guest@127.0.0.1:1/"))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
            response = await _ready(client)
            assert response.status_code == 503
            assert response.json()["checks"]["database"] == "ok"
            assert response.json()["checks"]["broker"] != "ok"


async def _is(client: httpx.AsyncClient, status: int) -> httpx.Response | None:
    response = await _ready(client)
    return response if response.status_code == status else None
