"""The router every onboarding API module uses: under /api, tagged for the OpenAPI page."""

from fastapi import APIRouter


def api_router(tag: str) -> APIRouter:
    return APIRouter(prefix="/api", tags=[tag])
