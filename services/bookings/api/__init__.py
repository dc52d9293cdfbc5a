"""HTTP routes of the bookings service: parse, authorise, call one use case, answer."""

from .bookings import router as bookings_router
from .calendar import router as calendar_router
from .members import router as members_router
from .places import router as places_router
from .places_admin import router as places_admin_router

ROUTERS = [places_router, places_admin_router, bookings_router, members_router, calendar_router]
