from pathlib import Path

from fastapi import FastAPI

from shared.events import ContactReceived, ProspectErased, ProspectQualified
from shared.http.app import create_app
from shared.service import ServiceDefinition

from .config import ProspectsSettings

SERVICE = ServiceDefinition(
    name="prospects",
    title="prospects",
    description="The public web form, contacts, prospects, qualification, consent and erasure.",
    settings=ProspectsSettings,
    package_dir=Path(__file__).parent,
    publishes=[ContactReceived, ProspectQualified, ProspectErased],
)


def create() -> FastAPI:
    return create_app(SERVICE)
