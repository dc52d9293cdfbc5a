"""Body limit (413), correlation id, and no bare 500 for a database that is down."""

import asyncpg
import httpx
import pytest
import structlog
from fastapi import FastAPI, Request

from shared.correlation import current_correlation_id
from shared.http.errors import install_error_handlers
from shared.http.middleware import PlatformMiddleware


@pytest.fixture
async def client():
    app = FastAPI()
    app.add_middleware(PlatformMiddleware, max_body_bytes=1000)
    install_error_handlers(app)

    @app.post("/echo")
    async def echo(request: Request) -> dict:
        return {"size": len(await request.body()), "correlation": current_correlation_id()}

    @app.post("/typed")
    async def typed(body: dict[str, int]) -> dict:
        return body

    @app.get("/db-down")
    async def db_down() -> dict:
        raise asyncpg.CannotConnectNowError("the database system is starting up")

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app, raise_app_exceptions=False),
                                 base_url="http://t") as c:
        yield c
    structlog.contextvars.clear_contextvars()


async def test_a_body_over_the_limit_is_413_and_never_reaches_the_route(client):
    response = await client.post("/echo", content=b"x" * 1001)
    assert response.status_code == 413
    assert "1000 bytes" in response.json()["detail"]
    assert (await client.post("/echo", content=b"x" * 1000)).json()["size"] == 1000


async def test_a_streamed_body_without_length_is_cut_at_the_limit(client):
    async def chunks():
        for _ in range(20):
            yield b"y" * 100

    response = await client.post("/echo", content=chunks())
    assert response.status_code == 413


async def test_the_correlation_id_is_taken_from_the_caller_or_made_and_echoed(client):
    response = await client.post("/echo", content=b"{}", headers={"X-Correlation-ID": "req-42"})
    assert response.json()["correlation"] == "req-42"
    assert response.headers["x-correlation-id"] == "req-42"
    made = await client.post("/echo", content=b"{}")
    assert len(made.headers["x-correlation-id"]) == 32


async def test_an_unavailable_database_is_503_not_500(client):
    response = await client.get("/db-down")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "2"


async def test_a_lone_surrogate_in_bad_input_gets_a_422_not_a_500(client):
    response = await client.post("/typed", content=b'{"name": "\\ud800"}',
                                 headers={"content-type": "application/json"})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "name"]
