"""Dashboard: the staff front page, the programme's key figures and the live event feed.

A consumer of every event of the contract (queues `dashboard.<type>`), projected into small
running sums in its own schema; rebuilt from the stream soho.events.log by
`soho dashboard rebuild`; a few of them public on `/key-figures` (the public site's page,
and the fragment its home page loads); shown to staff on `/`, `/api/kpis`, `/api/kpis.csv`
and the live feed `/api/events/stream`, and behind the front door on `/staff/` (with its calls under
/staff/: partials, static, api). It publishes nothing."""

from pathlib import Path

from fastapi import FastAPI

from shared.http.app import create_app
from shared.service import ServiceDefinition

from .api.front_door import router as front_door_router
from .api.kpis import router as kpis_router
from .api.stream import router as stream_router
from .commands import rebuild_command
from .config import DashboardSettings
from .handlers import subscribe
from .web.pages import router as pages_router
from .web.public import router as public_router
from .web.staff import router as staff_router

SERVICE = ServiceDefinition(
    name="dashboard",
    title="dashboard",
    description="The staff front page: the programme's key figures and the live event feed.",
    settings=DashboardSettings,
    package_dir=Path(__file__).parent,
    routers=[pages_router, kpis_router, stream_router, staff_router, front_door_router,
             public_router],
    subscribe=subscribe,
    commands=[rebuild_command],
    page_prefixes=("/staff",),
)


def create() -> FastAPI:
    return create_app(SERVICE)
