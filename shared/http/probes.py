"""/health, /ready, /metrics and the AsyncAPI document, the same on every service."""

import asyncio

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from faststream.specification.asyncapi.site import get_asyncapi_html
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from shared.metrics import OUTBOX_FAILING, OUTBOX_OLDEST_SECONDS, OUTBOX_PENDING
from shared.outbox.store import backlog

router = APIRouter(tags=["operations"])


@router.get("/health", summary="The process is alive")
async def health(request: Request) -> dict:
    return {"status": "ok", "service": request.app.state.definition.name}


async def _database_problem(request: Request) -> str | None:
    try:
        async with asyncio.timeout(2):
            async with request.app.state.pool.acquire() as conn:
                await conn.fetchval("SELECT 1")
        return None
    except Exception as exc:  # whatever it is, the database is not usable
        return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


@router.get("/ready", summary="200 when the database and the broker are reachable, else 503",
            responses={503: {"description": "Not ready, with the reason"}})
async def ready(request: Request) -> JSONResponse:
    problems = {
        "database": await _database_problem(request),
        "broker": await request.app.state.bus.ready(),
    }
    checks = {name: problem or "ok" for name, problem in problems.items()}
    if any(problems.values()):
        return JSONResponse({"status": "unavailable", "checks": checks}, status_code=503)
    return JSONResponse({"status": "ready", "checks": checks})


@router.get("/metrics", summary="Prometheus metrics", response_class=Response)
async def metrics(request: Request) -> Response:
    try:  # the outbox backlog, read at scrape time; stale figures are better than none
        async with asyncio.timeout(1):
            async with request.app.state.pool.acquire() as conn:
                row = await backlog(conn)
        OUTBOX_PENDING.set(row["pending"])
        OUTBOX_FAILING.set(row["failing"])
        OUTBOX_OLDEST_SECONDS.set(row["oldest_seconds"])
    except Exception:  # noqa: BLE001 - the database being down must not break /metrics
        pass
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


@router.get("/asyncapi.json", summary="The AsyncAPI document: events consumed and published")
async def asyncapi_json(request: Request) -> Response:
    spec = request.app.state.asyncapi.to_specification()
    return Response(spec.to_json(), media_type="application/json")


@router.get("/asyncapi", summary="The AsyncAPI document as a page", response_class=HTMLResponse)
async def asyncapi_page(request: Request) -> HTMLResponse:
    spec = request.app.state.asyncapi.to_specification()
    return HTMLResponse(get_asyncapi_html(spec, try_it_out_path=None))
