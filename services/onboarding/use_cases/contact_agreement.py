"""The household's agreement to be contacted by its village's welcome committee: recorded
(with its day) or withdrawn by staff on the case page, or by the solo on their card page.
While it stands, the committee that sees the household also sees its address."""

import datetime
import uuid

import asyncpg

from ..domain import CaseConflict
from ..store import cases as store
from .errors import InvalidInput, NotFound, check_revision


async def set_agreement(pool: asyncpg.Pool, case_id: uuid.UUID,
                        agreed_on: datetime.date | None, *, today: datetime.date,
                        revision=None) -> None:
    """`agreed_on` None withdraws it. InvalidInput("agreed_on") for a day in the future,
    NotFound, RecordChanged (a stale form), CaseConflict (an erased person)."""
    if agreed_on is not None and agreed_on > today:
        raise InvalidInput("agreed_on", "the day is in the future")
    async with pool.acquire() as conn, conn.transaction():
        case = await store.get_case(conn, case_id, for_update=True)
        if case is None:
            raise NotFound(f"no case {case_id}")
        check_revision(case, revision)
        if case["anonymised_at"] is not None:
            raise CaseConflict("this person was erased")
        await store.set_contact_agreement(conn, case_id, agreed_on)


async def agreement_of_member(pool: asyncpg.Pool,
                              member_id: uuid.UUID) -> tuple[datetime.date | None, str]:
    """(the day the member's household agreed, or None; the revision a form carries)."""
    async with pool.acquire() as conn:
        row = await conn.fetchrow(
            "SELECT c.updated_at, c.contact_agreed_on FROM members m "
            "JOIN cases c ON c.id = m.case_id WHERE m.id = $1", member_id)
    if row is None:
        raise NotFound(f"no member {member_id}")
    return row["contact_agreed_on"], row["updated_at"].isoformat()


async def set_agreement_of_member(pool: asyncpg.Pool, member_id: uuid.UUID, agreed: bool, *,
                                  today: datetime.date, revision: str | None) -> None:
    """The solo's own answer, from their card page: agreed today, or withdrawn (an agreement
    already recorded keeps its day). `revision`: the case's, as the form showed it."""
    async with pool.acquire() as conn:
        row = await conn.fetchrow(
            "SELECT c.id, c.updated_at, c.contact_agreed_on FROM members m "
            "JOIN cases c ON c.id = m.case_id WHERE m.id = $1", member_id)
    if row is None:
        raise NotFound(f"no member {member_id}")
    try:
        moment = datetime.datetime.fromisoformat(revision or "")
    except ValueError:
        moment = datetime.datetime.min.replace(tzinfo=datetime.UTC)  # stale
    day = (row["contact_agreed_on"] or today) if agreed else None
    await set_agreement(pool, row["id"], day, today=today, revision=moment)
