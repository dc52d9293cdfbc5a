"""What the staff's pages show of villages: a page of the list (with the solos each
welcomed, one statement), and one village with its newest households."""

from dataclasses import dataclass

import asyncpg

from ..store import member_directory as member_store
from ..store import village_directory as store
from ..store import villages as village_store
from .errors import NotFound

VillagePage = store.VillagePage
NEWEST = 20  # households shown on a village's page; the members' directory has them all


@dataclass(frozen=True)
class VillageList:
    items: list[asyncpg.Record]
    next_after: str | None  # the INSEE code the next page starts after, None on the last
    by_status: dict[str, int]


@dataclass(frozen=True)
class VillageForStaff:
    village: asyncpg.Record
    households: list[asyncpg.Record]  # id, first_name, household_size, installed_on, sector
    more_households: bool
    solos: int  # households installed there (not erased)


async def village_list(pool: asyncpg.Pool, query: VillagePage) -> VillageList:
    """A page of villages; a cursor naming no commune (an edited link) is NotFound."""
    async with pool.acquire() as conn, conn.transaction(isolation="repeatable_read",
                                                        readonly=True):
        if query.after is not None and not await store.village_exists(conn, query.after):
            raise NotFound(f"no commune {query.after} to start after")
        rows = await store.village_page(conn, query)
        by_status = await store.host_status_counts(conn)
    more = len(rows) > query.limit
    items = rows[:query.limit]
    return VillageList(items, items[-1]["insee_code"] if more else None, by_status)


async def village_for_staff(pool: asyncpg.Pool, insee_code: str) -> VillageForStaff:
    """The village and its newest households; NotFound when there is no such commune."""
    async with pool.acquire() as conn, conn.transaction(isolation="repeatable_read",
                                                        readonly=True):
        village = await village_store.get_village(conn, insee_code)
        if village is None:
            raise NotFound(f"no commune {insee_code} in the Gers")
        households = await member_store.newest_of_village(conn, insee_code, NEWEST)
        solos = await member_store.count_of_village(conn, insee_code)
    return VillageForStaff(village, households[:NEWEST], len(households) > NEWEST, solos)
