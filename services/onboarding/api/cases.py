"""Installation cases: list, read, correct, match villages, install, abandon."""

import datetime
import uuid

from fastapi import HTTPException, Request, status

from shared.auth import StaffPrincipal
from shared.http.deps import DbPool

from .. import domain
from ..domain import CaseStatus
from ..store import cases as store
from ..use_cases import checklist, installation, matching
from .access import PROTECTED
from .errors import BODY, CONFLICT, NOT_FOUND, answering
from .models import Limit, Offset
from .models.cases import (Abandon, Case, CaseUpdate, Installed, InstallIn, Reason,
                           VillageMatch, case_out)
from .routing import api_router

router = api_router("cases")


def today() -> datetime.date:
    return domain.local_date(datetime.datetime.now(datetime.UTC))


async def read_case(pool, case_id: uuid.UUID) -> Case:
    async with pool.acquire() as conn:
        row = await store.get_case(conn, case_id)
        if row is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no case {case_id}")
        steps = await store.steps_of(conn, [case_id])
    return case_out(row, steps[case_id], today())


@router.get("/cases", responses=PROTECTED)
async def list_cases(pool: DbPool, staff: StaffPrincipal, prospect_id: uuid.UUID | None = None,
                     status: CaseStatus | None = None, limit: Limit = 100,
                     offset: Offset = 0) -> list[Case]:
    """Cases, newest first (staff); a case is opened for each qualified prospect."""
    async with pool.acquire() as conn:
        rows = await store.list_cases(conn, prospect_id, status.value if status else None,
                                      limit, offset)
        steps = await store.steps_of(conn, [r["id"] for r in rows])
    day = today()
    return [case_out(r, steps[r["id"]], day) for r in rows]


@router.get("/cases/{case_id}", responses=PROTECTED | NOT_FOUND)
async def get_case(case_id: uuid.UUID, pool: DbPool, staff: StaffPrincipal) -> Case:
    return await read_case(pool, case_id)


@router.patch("/cases/{case_id}", responses=PROTECTED | NOT_FOUND | CONFLICT | BODY)
async def update_case(case_id: uuid.UUID, update: CaseUpdate, pool: DbPool,
                      staff: StaffPrincipal) -> Case:
    """Children (adds or skips the school enrolment step), notes and who follows the case
    (`assigned_to`) (staff)."""
    with answering():
        await checklist.update_case(pool, case_id, update.model_dump(exclude_unset=True),
                                    staff.sub)
    return await read_case(pool, case_id)


@router.get("/cases/{case_id}/matches", responses=PROTECTED | NOT_FOUND)
async def match_villages(case_id: uuid.UUID, pool: DbPool, staff: StaffPrincipal,
                         limit: Limit = 10) -> list[VillageMatch]:
    """The villages that suit this household best, each with the reasons for its rank."""
    case = await read_case(pool, case_id)
    async with pool.acquire() as conn:
        matches = await matching.rank_for_household(conn, case.household_size, case.children,
                                                    case.target_villages, limit)
    return [VillageMatch(insee_code=m.village.insee_code, name=m.village.name, score=m.score,
                         host_status=m.village.host_status,
                         auch_km=m.village.distances.auch_km,
                         toulouse_km=m.village.distances.toulouse_km,
                         reasons=[Reason(**vars(r)) for r in m.reasons])
            for m in matches]


@router.post("/cases/{case_id}/install", status_code=201,
             responses=PROTECTED | NOT_FOUND | CONFLICT | BODY)
async def install(case_id: uuid.UUID, body: InstallIn, pool: DbPool, request: Request,
                  staff: StaffPrincipal) -> Installed:
    """The household moved in: creates the member and publishes `solo.installed`.
    A case is installed once (409 the second time)."""
    with answering():
        member_id = await installation.install(
            pool, case_id, body.village, body.installed_on, body.household_size,
            today=today(), source=request.app.state.definition.source)
    return Installed(member_id=member_id, case_id=case_id)


@router.post("/cases/{case_id}/abandon", responses=PROTECTED | NOT_FOUND | CONFLICT | BODY)
async def abandon(case_id: uuid.UUID, body: Abandon, pool: DbPool,
                  staff: StaffPrincipal) -> Case:
    """Close an open case without an installation, with the reason (staff)."""
    with answering():
        await installation.abandon(pool, case_id, body.reason)
    return await read_case(pool, case_id)
