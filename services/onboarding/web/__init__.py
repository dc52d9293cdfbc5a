"""The onboarding service's staff pages behind the front door (the committees' pages are
in committees.py, added by app.py)."""

from .cases_file import router as case_file_router
from .committee_contact import router as committee_contact_router
from .cases_list import router as case_list_router
from .members import router as members_page_router
from .villages import router as villages_page_router
from .directory import router as directory_page_router
from .follow_ups_page import router as follow_ups_page_router

# Order matters: /staff/cases/of-prospect/... before /staff/cases/{case_id}.
ROUTERS = [
    case_list_router,
    case_file_router,
    villages_page_router,
    members_page_router,
    directory_page_router,
    follow_ups_page_router,
    committee_contact_router,
]
