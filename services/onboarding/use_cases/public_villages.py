"""The villages on the programme's public site: the host and associated villages, and one
village's public page (what its committee published, its services, broadband and distances
to Auch and Toulouse). A commune that is neither host nor associated has no public page."""

from dataclasses import dataclass

import asyncpg

from ..domain.geography import Distances, Position, distances_from
from ..store import committee_pages as store
from ..store import villages as village_store
from .committee_page import _texts


async def public_villages(pool: asyncpg.Pool) -> list[asyncpg.Record]:
    """insee_code, name, host_status, population of every host and associated village."""
    async with pool.acquire() as conn:
        return await store.public_villages(conn)


@dataclass(frozen=True)
class PublicVillage:
    village: asyncpg.Record
    texts: dict[str, str]  # welcome_fr ... contact_en, "" when not written
    distances: Distances


async def public_village(pool: asyncpg.Pool, insee_code: str) -> PublicVillage | None:
    """None when the commune does not exist or is neither host nor associated."""
    async with pool.acquire() as conn:
        village = await village_store.get_village(conn, insee_code)
        if village is None or village["host_status"] == "none":
            return None
        row = await store.get_page(conn, insee_code)
    return PublicVillage(village, _texts(row),
                         distances_from(Position(village["latitude"], village["longitude"])))


async def village_facts(pool: asyncpg.Pool, insee_code: str) -> PublicVillage | None:
    """The same facts for any commune (the committee's preview of its page)."""
    async with pool.acquire() as conn:
        village = await village_store.get_village(conn, insee_code)
        if village is None:
            return None
        row = await store.get_page(conn, insee_code)
    return PublicVillage(village, _texts(row),
                         distances_from(Position(village["latitude"], village["longitude"])))
