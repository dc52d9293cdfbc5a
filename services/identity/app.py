"""Identity: people's accounts, sessions and sign-in (staff, solos, committees).

Staff sign in with a password (Argon2id); solos and committees by an emailed link. The
front door (Caddy's forward_auth) asks `GET /auth/check` about each request to a person's
page and passes identity's short-lived token on to the service that owns the page."""

from pathlib import Path

from fastapi import FastAPI

from shared.events import AccountCreated
from shared.http.app import create_app
from shared.service import ServiceDefinition

from . import web
from .commands import COMMANDS
from .config import IdentitySettings
from .handlers import subscribe
from .jobs import PERIODIC, WORKERS

SERVICE = ServiceDefinition(
    name="identity",
    title="identity",
    description="People's accounts, sessions and sign-in: staff, solos and committees.",
    settings=IdentitySettings,
    package_dir=Path(__file__).parent,
    routers=web.ROUTERS,
    subscribe=subscribe,
    publishes=[AccountCreated],
    commands=COMMANDS,
    # /auth/check too: its 403 page (a signed-in person in the wrong area) has the header's
    # sign-out form, which needs its CSRF field (it only ever answers GETs).
    page_prefixes=("/sign-in", "/sign-out", "/password", "/staff/accounts", "/auth/check"),
    periodic=PERIODIC,
    workers=WORKERS,
)


def create() -> FastAPI:
    return create_app(SERVICE)
