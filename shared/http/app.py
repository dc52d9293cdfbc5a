"""Builds a service's process: FastAPI app, database pool, FastStream broker, probes."""

import asyncio
from contextlib import asynccontextmanager
from importlib.metadata import version

from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute
from faststream.rabbit import RabbitBroker
from faststream.specification import AsyncAPI

from shared.auth import depends_on_authentication
from shared.bus import topology
from shared.bus.broker import create_broker
from shared.bus.connection import BusConnection
from shared.bus.consumer import EventConsumers
from shared.config import ServiceSettings
from shared.db import create_pool
from shared.events import CloudEvent
from shared.http.errors import install_error_handlers
from shared.http.middleware import PlatformMiddleware
from shared.http.background import run_periodically, run_worker
from shared.http.probes import router as probes
from shared.logs import configure_logging
from shared.service import ServiceDefinition


def create_app(definition: ServiceDefinition, settings: ServiceSettings | None = None) -> FastAPI:
    settings = settings or definition.settings()
    configure_logging(definition.name, settings.log_level, settings.log_format)
    broker = create_broker(settings.amqp_url, app_id=definition.source)
    consumers = EventConsumers(broker, definition.name, lambda: app.state.pool, settings)
    if definition.subscribe is not None:
        definition.subscribe(consumers)
    _document_published_events(broker, definition)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.pool = await create_pool(settings.database_url, definition.schema,
                                           max_size=settings.db_pool_size)
        app.state.bus.start()
        jobs = [*(asyncio.create_task(run_periodically(job, app.state.pool, settings))
                  for job in definition.periodic),
                *(asyncio.create_task(run_worker(worker, app.state.pool, settings))
                  for worker in definition.workers)]
        try:
            yield
        finally:
            for job in jobs:
                job.cancel()
            await asyncio.gather(*jobs, return_exceptions=True)
            await app.state.bus.stop()
            await app.state.pool.close()

    app = FastAPI(title=f"Soho Solo: {definition.title}", description=definition.description,
                  version=version("soho-platform"), lifespan=lifespan)
    app.state.definition = definition
    app.state.settings = settings
    app.state.bus = BusConnection(broker, consumers, settings.amqp_url)
    app.state.asyncapi = AsyncAPI(broker, title=f"Soho Solo {definition.name}",
                                  version=version("soho-platform"),
                                  description=definition.description)
    if definition.page_prefixes:
        from shared.web.csrf import CsrfProtection  # only services with pages load it

        app.add_middleware(CsrfProtection, prefixes=definition.page_prefixes,
                           secret=settings.secret,
                           secure=settings.public_url.startswith("https://"))
    app.add_middleware(PlatformMiddleware, max_body_bytes=settings.max_body_bytes,
                       too_large_page=definition.too_large_page)
    install_error_handlers(app)
    app.include_router(probes)
    for router in definition.routers:
        _document_common_answers(router)
        app.include_router(router)
    return app


UNREADABLE_BODY = {"description": "The body cannot be read (not UTF-8, or not JSON)"}
TOO_LARGE = {"description": "The body is larger than SOHO_MAX_BODY_BYTES"}
NO_TOKEN = {"description": "No token, or a bad or expired one"}
WRONG_TOKEN = {"description": "A token of the wrong role or scope"}


def _document_common_answers(router: APIRouter) -> None:
    """Answers every service gives the same way, in the OpenAPI document of each route that
    can give them (a route's own description wins)."""
    for route in router.routes:
        if not isinstance(route, APIRoute):
            continue
        if route.body_field is not None:  # FastAPI's 400 for a body it cannot decode
            route.responses.setdefault(400, UNREADABLE_BODY)
            route.responses.setdefault(413, TOO_LARGE)
        if depends_on_authentication(route.dependant):
            route.responses.setdefault(401, NO_TOKEN)
            route.responses.setdefault(403, WRONG_TOKEN)


def _document_published_events(broker: RabbitBroker, definition: ServiceDefinition) -> None:
    """Publishers declared for the AsyncAPI document only: events leave through the outbox."""
    for model in definition.publishes:
        broker.publisher(
            exchange=topology.events_exchange(),
            routing_key=model.event_type,
            title=f"{topology.EVENTS_EXCHANGE}:{model.event_type}",
            description=(model.__doc__ or "").strip(),
            schema=CloudEvent[model],
            persist=True,
        )
