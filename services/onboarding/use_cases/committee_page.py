"""What a village's welcome committee sees of its village: who is expected (open cases
wishing to live there) and who moved in. First names, household sizes and dates only:
no surnames, addresses or notes."""

from dataclasses import dataclass

import asyncpg

from ..store import cases as case_store
from ..store import members as member_store
from ..store import villages as village_store


@dataclass(frozen=True)
class VillageForCommittee:
    insee_code: str
    name: str
    expected: list[asyncpg.Record]  # first_name, household_size, children, opened_at
    installed: list[asyncpg.Record]  # first_name, household_size, installed_on


async def village_for_committee(pool: asyncpg.Pool,
                                insee_code: str) -> VillageForCommittee | None:
    """None when there is no such commune."""
    async with pool.acquire() as conn, conn.transaction(isolation="repeatable_read",
                                                        readonly=True):
        village = await village_store.get_village(conn, insee_code)
        if village is None:
            return None
        expected = await case_store.open_cases_wishing(conn, insee_code)
        installed = await member_store.households_of_village(conn, insee_code)
    return VillageForCommittee(insee_code, village["name"], expected, installed)
