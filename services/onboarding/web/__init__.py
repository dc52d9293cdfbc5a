"""The onboarding service's pages for people behind the front door."""

from .members import router as members_page_router
from .villages import router as villages_page_router

ROUTERS = [villages_page_router, members_page_router]
