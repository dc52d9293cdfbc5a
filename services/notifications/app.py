from pathlib import Path

from fastapi import FastAPI

from shared.events import NotificationFailed, NotificationSent
from shared.http.app import create_app
from shared.service import ServiceDefinition

from .config import NotificationsSettings

SERVICE = ServiceDefinition(
    name="notifications",
    title="notifications",
    description="Email and webhook deliveries to prospects, solos, committees and staff.",
    settings=NotificationsSettings,
    package_dir=Path(__file__).parent,
    publishes=[NotificationSent, NotificationFailed],
)


def create() -> FastAPI:
    return create_app(SERVICE)
