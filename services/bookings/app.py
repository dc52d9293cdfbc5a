from pathlib import Path

from fastapi import FastAPI

from shared.events import BookingCancelled, DeskBooked
from shared.http.app import create_app
from shared.service import ServiceDefinition

from .config import BookingsSettings

SERVICE = ServiceDefinition(
    name="bookings",
    title="bookings",
    description="Telecentres and coworking spaces, their desks and rooms, and bookings.",
    settings=BookingsSettings,
    package_dir=Path(__file__).parent,
    publishes=[DeskBooked, BookingCancelled],
)


def create() -> FastAPI:
    return create_app(SERVICE)
