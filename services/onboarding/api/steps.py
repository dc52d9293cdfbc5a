"""A case's checklist: complete, skip (with a reason) or reopen a step; overdue steps."""

import uuid
from enum import StrEnum


from shared.auth import StaffPrincipal
from shared.http.deps import DbPool

from ..domain import TEMPLATE, TEMPLATE_BY_KEY
from ..store import cases as store
from ..use_cases import checklist
from .access import PROTECTED
from .cases import read_case, today
from .errors import BODY, CONFLICT, NOT_FOUND, answering
from .models import Limit
from .models.cases import Case, OverdueStep, SkipStep, StepNote
from .routing import api_router

router = api_router("cases")
StepKey = StrEnum("StepKey", {t.key: t.key for t in TEMPLATE})
STEP_ANSWERS = PROTECTED | NOT_FOUND | CONFLICT | BODY


@router.get("/overdue-steps", responses=PROTECTED)
async def overdue_steps(pool: DbPool, staff: StaffPrincipal,
                        limit: Limit = 200) -> list[OverdueStep]:
    """Pending steps past their due date, in cases still running, most overdue first."""
    day = today()
    async with pool.acquire() as conn:
        rows = await store.overdue_steps(conn, day, limit)
    return [OverdueStep(case_id=r["case_id"], prospect_id=r["prospect_id"],
                        first_name=r["first_name"], last_name=r["last_name"], key=r["key"],
                        title_fr=TEMPLATE_BY_KEY[r["key"]].title_fr,
                        title_en=TEMPLATE_BY_KEY[r["key"]].title_en,
                        owner_role=r["owner_role"], due_on=r["due_on"],
                        days_overdue=(day - r["due_on"]).days) for r in rows]


@router.post("/cases/{case_id}/steps/{key}/complete", responses=STEP_ANSWERS)
async def complete_step(case_id: uuid.UUID, key: StepKey, pool: DbPool, staff: StaffPrincipal,
                        body: StepNote | None = None) -> Case:
    """Done; 409 while one of its prerequisites is pending."""
    with answering():
        await checklist.change_step(pool, case_id, key.value, "complete", staff.sub,
                                    note=body.note if body else None)
    return await read_case(pool, case_id)


@router.post("/cases/{case_id}/steps/{key}/skip", responses=STEP_ANSWERS)
async def skip_step(case_id: uuid.UUID, key: StepKey, body: SkipStep, pool: DbPool,
                    staff: StaffPrincipal) -> Case:
    """Does not apply to this household, for the reason given."""
    with answering():
        await checklist.change_step(pool, case_id, key.value, "skip", staff.sub,
                                    reason=body.reason, note=body.note)
    return await read_case(pool, case_id)


@router.post("/cases/{case_id}/steps/{key}/reopen", responses=STEP_ANSWERS)
async def reopen_step(case_id: uuid.UUID, key: StepKey, pool: DbPool,
                      staff: StaffPrincipal) -> Case:
    """Back to pending; 409 while a step that needs it is done."""
    with answering():
        await checklist.change_step(pool, case_id, key.value, "reopen", staff.sub)
    return await read_case(pool, case_id)
