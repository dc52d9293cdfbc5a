"""What a service tells the platform about itself; `shared.http.app` builds it into an app."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import click
from fastapi import APIRouter
from starlette.responses import Response
from starlette.types import Scope

from shared.bus.consumer import EventConsumers
from shared.config import ServiceSettings
from shared.events import EventData

# Loads reference data into an empty schema; returns a short summary of what it loaded.
Seeder = Callable[[asyncpg.Connection], Awaitable[str]]


@dataclass(frozen=True)
class PeriodicJob:
    """Work a service does on a timer inside its process (release no-shows, send digests).
    Several copies of a service may run: a job must be safe to run concurrently (lock
    its rows with FOR UPDATE SKIP LOCKED, or take an advisory lock)."""

    name: str
    every_seconds: float
    run: Callable[[asyncpg.Pool, ServiceSettings], Awaitable[None]]


@dataclass(frozen=True)
class Worker:
    """Long-running work inside a service's process that goes on while the service runs
    (the notifications sender, waiting on NOTIFY for messages to send). Started with the
    service, started again `restart_after` seconds after it stops on an error, cancelled
    when the service stops: it must let cancellation through (clean up in `finally`, never
    raise there). Several copies of a service may run: share the work with
    FOR UPDATE SKIP LOCKED."""

    name: str
    run: Callable[[asyncpg.Pool, ServiceSettings], Awaitable[None]]
    restart_after: float = 1.0


@dataclass(frozen=True)
class ServiceDefinition:
    name: str  # also its schema, its consumer prefix and its event source
    title: str
    description: str
    settings: type[ServiceSettings]
    package_dir: Path
    routers: list[APIRouter] = field(default_factory=list)
    subscribe: Callable[[EventConsumers], None] | None = None
    publishes: list[type[EventData]] = field(default_factory=list)
    seed: Seeder | None = None
    periodic: list[PeriodicJob] = field(default_factory=list)
    workers: list[Worker] = field(default_factory=list)
    # Operator commands, run as `soho <service> <command>` (e.g. `soho prospects retention`).
    commands: list[click.Command] = field(default_factory=list)
    # Its own answer to a body over the limit (413), e.g. the form again in the person's
    # language; None (or a None answer) gives the platform's JSON one.
    too_large_page: Callable[[Scope], Response | None] | None = None
    # The paths of its pages for people behind the front door ("/staff", "/members"):
    # every POST there must carry its CSRF field (shared.web.csrf), or gets 403.
    page_prefixes: tuple[str, ...] = ()

    @property
    def schema(self) -> str:
        return self.name

    @property
    def source(self) -> str:
        return f"/soho/{self.name}"

    @property
    def migrations_dir(self) -> Path:
        return self.package_dir / "migrations"
