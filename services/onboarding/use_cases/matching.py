"""Which villages suit a case's household, best first, with the reasons for each rank: the
same ranking for the API (GET /api/cases/{id}/matches) and the staff's case page."""

import asyncpg

from .. import domain
from ..domain import BroadbandTechnology, HostStatus
from ..store import villages as village_store


def profile_of(row: asyncpg.Record) -> domain.VillageProfile:
    """A village as the matching sees it, from its row."""
    technology = row["broadband_technology"]
    return domain.VillageProfile(
        insee_code=row["insee_code"], name=row["name"],
        position=domain.Position(row["latitude"], row["longitude"]),
        host_status=HostStatus(row["host_status"]),
        has_committee=row["committee_email"] is not None, has_school=row["has_school"],
        broadband_technology=BroadbandTechnology(technology) if technology else None,
        broadband_mbps=row["broadband_mbps"])


async def rank_for_household(conn: asyncpg.Connection, household_size: int,
                             children: int | None, target_villages: list[str],
                             limit: int) -> list[domain.Match]:
    rows = await village_store.list_villages(conn, village_store.VillageFilter())
    household = domain.household_from(household_size, children, target_villages)
    return domain.rank_villages(household, [profile_of(r) for r in rows], limit)
