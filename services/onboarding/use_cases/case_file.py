"""A case as the staff's case page shows it: the case, its checklist, the villages that suit
the household (the same ranking as the API's), and once installed the member's follow-ups."""

import uuid
from dataclasses import dataclass

import asyncpg

from .. import domain
from ..store import cases as case_store
from ..store import committee_pages as committee_store
from ..store import members as member_store
from ..store import villages as village_store
from .matching import rank_for_household

MATCHES = 10


@dataclass(frozen=True)
class CaseFile:
    case: asyncpg.Record
    steps: list[asyncpg.Record]
    matches: list[domain.Match]
    follow_ups: list[asyncpg.Record]
    installed_village_name: str | None
    # the committees that made contact: village_name, contacted_on, recorded_by
    committee_contacts: list[asyncpg.Record] = ()


async def case_file(pool: asyncpg.Pool, case_id: uuid.UUID) -> CaseFile | None:
    """None when there is no such case."""
    async with pool.acquire() as conn:
        case = await case_store.get_case(conn, case_id)
        if case is None:
            return None
        steps = (await case_store.steps_of(conn, [case_id]))[case_id]
        matches = await rank_for_household(conn, case["household_size"], case["children"],
                                           list(case["target_villages"]), MATCHES)
        follow_ups, village_name = [], None
        if case["member_id"] is not None:
            follow_ups = await member_store.follow_ups_of(conn, case["member_id"])
            village = await village_store.get_village(conn, case["installed_village"])
            village_name = village["name"] if village else None
        contacts = await committee_store.contacts_of_case(conn, case_id)
    return CaseFile(case, steps, matches, follow_ups, village_name, contacts)
