"""HTTP routes of the onboarding service: parse, authorise, call one use case, answer."""

from .cases import router as cases_router
from .follow_ups import router as follow_ups_router
from .members import router as members_router
from .steps import router as steps_router
from .villages import router as villages_router

# Order matters: fixed paths (/api/overdue-steps) before /api/cases/{case_id}.
ROUTERS = [villages_router, steps_router, cases_router, members_router, follow_ups_router]
