"""Notifications: email and webhook deliveries, templates, the delivery log."""

from pathlib import Path

from fastapi import FastAPI

from shared.events import NotificationFailed, NotificationSent
from shared.http.app import create_app
from shared.service import ServiceDefinition

from . import api, web
from .config import NotificationsSettings
from .handlers import subscribe
from .jobs import PERIODIC, WORKERS
from .use_cases.seeding import seed_committees

SERVICE = ServiceDefinition(
    name="notifications",
    title="notifications",
    description="Email and webhook deliveries to prospects, solos, committees and staff.",
    settings=NotificationsSettings,
    package_dir=Path(__file__).parent,
    routers=[*api.ROUTERS, *web.ROUTERS],
    subscribe=subscribe,
    publishes=[NotificationSent, NotificationFailed],
    seed=seed_committees,
    page_prefixes=("/staff/deliveries", "/committees/notifications"),
    periodic=PERIODIC,
    workers=WORKERS,
)


def create() -> FastAPI:
    return create_app(SERVICE)
