"""Notifications: email and webhook deliveries, templates, the delivery log."""

from pathlib import Path

from fastapi import FastAPI

from shared.events import NotificationFailed, NotificationSent
from shared.http.app import create_app
from shared.service import PeriodicJob, ServiceDefinition

from .api import ROUTERS
from .config import NotificationsSettings
from .digest import digest_job
from .handlers import subscribe
from .seed import seed_committees
from .sender import send_notifications

SERVICE = ServiceDefinition(
    name="notifications",
    title="notifications",
    description="Email and webhook deliveries to prospects, solos, committees and staff.",
    settings=NotificationsSettings,
    package_dir=Path(__file__).parent,
    routers=ROUTERS,
    subscribe=subscribe,
    publishes=[NotificationSent, NotificationFailed],
    seed=seed_committees,
    periodic=[
        # Runs until the service stops; restarted a second later if it stops on an error.
        PeriodicJob("send-notifications", 1.0, send_notifications),
        PeriodicJob("arrivals-digest", 300.0, digest_job),
    ],
)


def create() -> FastAPI:
    return create_app(SERVICE)
