"""Bookings: telecentres and coworking spaces, desks and rooms, bookings."""
from pathlib import Path

from fastapi import FastAPI

from shared.events import BookingCancelled, DeskBooked
from shared.http.app import create_app
from shared.service import PeriodicJob, ServiceDefinition

from .api import ROUTERS
from .api.staff_bookings import router as staff_bookings_api_router
from .api.waiting import router as repeat_and_waiting_api_router
from .config import SERVICE_NAME, BookingsSettings
from .handlers import subscribe
from .use_cases.no_shows import release_no_shows_job
from .use_cases.seeding import seed_demo_places
from .web.member_bookings import router as member_bookings_page_router
from .web.member_book import router as member_book_router
from .web.members import router as members_page_router
from .web.member_repeat import router as member_repeat_router
from .web.my_bookings import router as my_bookings_router
from .web.public_telecentres import router as public_telecentres_router
from .web.staff_booking import router as staff_booking_router
from .web.telecentre_edits import router as telecentre_edits_router
from .web.telecentres import router as telecentres_page_router

SERVICE = ServiceDefinition(
    name=SERVICE_NAME,
    title="bookings",
    description="Telecentres and coworking spaces, their desks and rooms, and bookings.",
    settings=BookingsSettings,
    package_dir=Path(__file__).parent,
    routers=[*ROUTERS, members_page_router, telecentres_page_router, telecentre_edits_router,
             member_bookings_page_router, member_book_router, my_bookings_router,
             public_telecentres_router, staff_bookings_api_router, staff_booking_router,
             repeat_and_waiting_api_router, member_repeat_router],
    subscribe=subscribe,
    publishes=[DeskBooked, BookingCancelled],
    seed=seed_demo_places,
    periodic=[PeriodicJob("release-no-shows", 60, release_no_shows_job)],
    page_prefixes=("/members", "/staff/telecentres", "/staff/bookings"),
)


def create() -> FastAPI:
    return create_app(SERVICE)
