from pathlib import Path

from fastapi import FastAPI

from shared.events import SoloInstalled
from shared.http.app import create_app
from shared.service import ServiceDefinition

from .config import OnboardingSettings
from .reference_data import seed_villages

SERVICE = ServiceDefinition(
    name="onboarding",
    title="onboarding",
    description="Villages and their welcome committees, installation cases and members.",
    settings=OnboardingSettings,
    package_dir=Path(__file__).parent,
    publishes=[SoloInstalled],
    seed=seed_villages,
)


def create() -> FastAPI:
    return create_app(SERVICE)
