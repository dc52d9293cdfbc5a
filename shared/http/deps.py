"""FastAPI dependencies for what a route needs from its service: the pool and the settings."""

from typing import Annotated

import asyncpg
from fastapi import Depends, Request

from shared.config import ServiceSettings


async def _pool(request: Request) -> asyncpg.Pool:
    return request.app.state.pool


async def _settings(request: Request) -> ServiceSettings:
    return request.app.state.settings


DbPool = Annotated[asyncpg.Pool, Depends(_pool)]
Settings = Annotated[ServiceSettings, Depends(_settings)]
