"""`soho migrate` and `soho seed`: each service's schema brought up to date, reference data
loaded into empty tables."""

import asyncio

from shared.db import connect, ensure_database
from shared.migrations import apply_migrations
from shared.service import ServiceDefinition


def migrate(database_url: str, services: list[ServiceDefinition]) -> dict[str, list[str]]:
    if asyncio.run(ensure_database(database_url)):
        print(f"created database {database_url}")
    return {s.name: apply_migrations(database_url, s.schema, s.migrations_dir) for s in services}


async def seed(database_url: str, services: list[ServiceDefinition]) -> dict[str, str]:
    loaded: dict[str, str] = {}
    for service in services:
        if service.seed is None:
            continue
        conn = await connect(database_url, service.schema)
        try:
            async with conn.transaction():
                loaded[service.name] = await service.seed(conn)
        finally:
            await conn.close()
    return loaded
