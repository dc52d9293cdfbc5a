from pathlib import Path

from fastapi import FastAPI

from shared.http.app import create_app
from shared.service import ServiceDefinition

from .config import DashboardSettings

SERVICE = ServiceDefinition(
    name="dashboard",
    title="dashboard",
    description="The staff front page: the programme's key figures and the live event feed.",
    settings=DashboardSettings,
    package_dir=Path(__file__).parent,
)


def create() -> FastAPI:
    return create_app(SERVICE)
