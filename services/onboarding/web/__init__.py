"""HTML pages of onboarding behind the front door (staff), beside the committees' pages."""

from .cases_file import router as case_file_router
from .cases_list import router as case_list_router

# Order matters: /staff/cases/of-prospect/... before /staff/cases/{case_id}.
ROUTERS = [
    case_list_router,
    case_file_router,
]
