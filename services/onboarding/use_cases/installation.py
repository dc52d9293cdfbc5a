"""Installing a household (the member, the follow-ups, `solo.installed`), abandoning, and
recording a follow-up (`member.followed_up`)."""

import datetime
import uuid

import asyncpg

from shared.events import new_event
from shared.outbox import stage_event

from .. import domain
from ..domain import CaseConflict, CaseStatus
from ..store import cases as case_store
from ..store import members as member_store
from ..store import villages as village_store
from .errors import InvalidInput, NotFound, check_revision
from .events import member_followed_up, solo_installed


async def install(pool: asyncpg.Pool, case_id: uuid.UUID, village_code: str,
                  installed_on: datetime.date, household_size: int, *,
                  today: datetime.date, source: str, revision=None) -> uuid.UUID:
    """The new member's id. The event leaves with the change, or neither does. A page's
    form passes the `revision` it was drawn at (RecordChanged when the case moved since)."""
    problem = domain.installation_date_problem(installed_on, today)
    if problem:
        raise InvalidInput("installed_on", problem)
    async with pool.acquire() as conn, conn.transaction():
        case = await case_store.get_case(conn, case_id, for_update=True)
        if case is None:
            raise NotFound(f"no case {case_id}")
        check_revision(case, revision)
        village = await village_store.get_village(conn, village_code)
        if village is None:
            raise InvalidInput("village", f"no commune of the Gers has the INSEE code "
                               f"{village_code}")
        domain.check_can_install(CaseStatus(case["status"]))
        member_id = uuid.uuid4()
        await member_store.insert_member(conn, {
            "id": member_id, "case_id": case_id, "prospect_id": case["prospect_id"],
            "first_name": case["first_name"], "last_name": case["last_name"],
            "village": village_code, "installed_on": installed_on,
            "household_size": household_size, "sector": case["sector"],
            "origin_country": case["origin_country"], "profession": case["sector"],
        })
        await member_store.insert_follow_ups(conn, member_id,
                                             domain.follow_up_schedule(installed_on))
        await case_store.close_case(conn, case_id, CaseStatus.INSTALLED, None)
        await stage_event(conn, new_event(
            solo_installed(member_id, case, village, installed_on, household_size),
            source=source, subject=str(member_id)))
    return member_id


async def abandon(pool: asyncpg.Pool, case_id: uuid.UUID, reason: str, *,
                  revision=None) -> None:
    async with pool.acquire() as conn, conn.transaction():
        case = await case_store.get_case(conn, case_id, for_update=True)
        if case is None:
            raise NotFound(f"no case {case_id}")
        check_revision(case, revision)
        domain.check_can_abandon(CaseStatus(case["status"]))
        await case_store.close_case(conn, case_id, CaseStatus.ABANDONED, reason)


async def record_follow_up(pool: asyncpg.Pool, member_id: uuid.UUID, months: int,
                           still_here: bool, activity_going: bool, note: str | None,
                           by: str, *, source: str) -> asyncpg.Record:
    """The follow-up as recorded; recording again corrects it, and each recording publishes
    `member.followed_up` (the note stays here: it is free text)."""
    async with pool.acquire() as conn, conn.transaction():
        member = await member_store.get_member(conn, member_id)
        if member is None:
            raise NotFound(f"no member {member_id}")
        if member["anonymised_at"] is not None:
            raise CaseConflict("this member was erased")
        row = await member_store.record_follow_up(conn, member_id, months, still_here,
                                                  activity_going, note, by)
        if row is None:
            raise NotFound(f"no {months}-month follow-up for this member")
        await stage_event(conn, new_event(member_followed_up(member, row),
                                          source=source, subject=str(member_id)))
        return row
