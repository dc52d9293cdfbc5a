"""What a village's welcome committee sees of its village and does there: who is expected
(open cases wishing to live there) and who moved in, first names, household sizes and dates
only (no surnames, addresses or notes); "we have made contact" with a household, on its case
(staff see it on the case page); the village's page on the public site, published in French
and English at a revision (an edit drawn from an older one is refused)."""

import datetime
import uuid
from dataclasses import dataclass

import asyncpg

from ..store import committee_pages as store
from ..store import villages as village_store
from .errors import InvalidInput, NotFound, RecordChanged

# The longest text a committee may publish in each field of its village page (characters).
PAGE_LIMITS = {"welcome": 2000, "services": 1000, "housing": 1000, "photos_alt": 500,
               "contact": 300}


@dataclass(frozen=True)
class VillageForCommittee:
    insee_code: str
    name: str
    # case_id, first_name, household_size, children, opened_at, contacted_on
    expected: list[asyncpg.Record]
    # case_id, first_name, household_size, installed_on, contacted_on
    installed: list[asyncpg.Record]


async def village_for_committee(pool: asyncpg.Pool,
                                insee_code: str) -> VillageForCommittee | None:
    """None when there is no such commune."""
    async with pool.acquire() as conn, conn.transaction(isolation="repeatable_read",
                                                        readonly=True):
        village = await village_store.get_village(conn, insee_code)
        if village is None:
            return None
        expected = await store.expected_households(conn, insee_code)
        installed = await store.installed_households(conn, insee_code)
    return VillageForCommittee(insee_code, village["name"], expected, installed)


async def record_contact(pool: asyncpg.Pool, insee_code: str, case_id: uuid.UUID,
                         day: datetime.date, by: str, *, today: datetime.date) -> None:
    """The committee of `insee_code` made contact with the household of this case on `day`.
    NotFound when the household is not one the committee sees (another village's: nothing
    is written); InvalidInput("contacted_on") for a day in the future."""
    if day > today:
        raise InvalidInput("contacted_on", "the day is in the future")
    async with pool.acquire() as conn, conn.transaction():
        if not await store.is_household_of(conn, case_id, insee_code):
            raise NotFound(f"no household {case_id} in {insee_code}")
        await store.record_contact(conn, case_id, insee_code, day, by[:100])


async def contacts_of_case(conn: asyncpg.Connection, case_id: uuid.UUID) -> list[asyncpg.Record]:
    return await store.contacts_of_case(conn, case_id)


@dataclass(frozen=True)
class VillagePage:
    insee_code: str
    name: str
    texts: dict[str, str]  # welcome_fr ... contact_en ("" when not written)
    revision: int  # 0: never published
    published_at: datetime.datetime | None
    published_by: str | None


def _texts(row: asyncpg.Record | None) -> dict[str, str]:
    return {c: (row[c] if row else None) or "" for c in store.PAGE_COLUMNS}


async def village_page(pool: asyncpg.Pool, insee_code: str) -> VillagePage | None:
    """The village's published page (empty texts before the first publication); None when
    there is no such commune."""
    async with pool.acquire() as conn:
        village = await village_store.get_village(conn, insee_code)
        if village is None:
            return None
        row = await store.get_page(conn, insee_code)
    return VillagePage(insee_code, village["name"], _texts(row), row["revision"] if row else 0,
                       row["published_at"] if row else None,
                       row["published_by"] if row else None)


def check_page_texts(texts: dict[str, str]) -> list[tuple[str, int]]:
    """The fields longer than allowed: (column, limit), in the form's order."""
    return [(column, PAGE_LIMITS[column.rsplit("_", 1)[0]]) for column in store.PAGE_COLUMNS
            if len(texts.get(column) or "") > PAGE_LIMITS[column.rsplit("_", 1)[0]]]


async def publish_page(pool: asyncpg.Pool, insee_code: str, texts: dict[str, str],
                       by: str, *, revision: int) -> int:
    """Publish the texts (blank ones as not written) if the page is still at `revision`
    (0: never published); the new revision. RecordChanged when someone published meanwhile,
    InvalidInput for a text too long, NotFound for no such commune."""
    too_long = check_page_texts(texts)
    if too_long:
        raise InvalidInput(too_long[0][0], "too long")
    cleaned = {c: (texts.get(c) or "").strip() or None for c in store.PAGE_COLUMNS}
    async with pool.acquire() as conn, conn.transaction():
        if await village_store.get_village(conn, insee_code, for_update=True) is None:
            raise NotFound(insee_code)
        row = await store.get_page(conn, insee_code, for_update=True)
        if (row["revision"] if row else 0) != revision:
            raise RecordChanged(f"the page of {insee_code} was published meanwhile")
        return await store.save_page(conn, insee_code, cleaned, by[:100])

