"""Staff move a prospect along the pipeline; each answer is the prospect as it now stands."""

import uuid
from datetime import UTC, datetime

from fastapi import APIRouter, status

from shared.auth import StaffPrincipal
from shared.http.deps import DbPool

from ..domain.pipeline import Qualification
from ..use_cases import pipeline, reading
from .errors import CONFLICT_RESPONSES, PROSPECT_RESPONSES, answered_as_http
from .models import AssignmentIn, NoteIn, ProspectDetail, QualificationIn, StageChangeIn

router = APIRouter(prefix="/api/prospects/{prospect_id}", tags=["pipeline"],
                   responses=PROSPECT_RESPONSES)


@router.post("/stage", response_model=ProspectDetail, responses=CONFLICT_RESPONSES,
             summary="Move to another stage (lost needs a reason)")
async def change_stage(prospect_id: uuid.UUID, change: StageChangeIn, pool: DbPool,
                       staff: StaffPrincipal) -> ProspectDetail:
    with answered_as_http():
        await pipeline.change_stage(pool, prospect_id, change.stage, change.reason, staff.sub,
                                    datetime.now(UTC))
        return ProspectDetail.model_validate(await reading.prospect_detail(pool, prospect_id))


@router.post("/notes", status_code=status.HTTP_201_CREATED, response_model=ProspectDetail,
             summary="Add a note to the timeline")
async def add_note(prospect_id: uuid.UUID, note: NoteIn, pool: DbPool,
                   staff: StaffPrincipal) -> ProspectDetail:
    with answered_as_http():
        await pipeline.add_note(pool, prospect_id, note.text, staff.sub, datetime.now(UTC))
        return ProspectDetail.model_validate(await reading.prospect_detail(pool, prospect_id))


@router.put("/assignee", response_model=ProspectDetail,
            summary="Assign a staff member (null to unassign)")
async def assign(prospect_id: uuid.UUID, assignment: AssignmentIn, pool: DbPool,
                 staff: StaffPrincipal) -> ProspectDetail:
    with answered_as_http():
        await pipeline.assign(pool, prospect_id, assignment.assigned_to, staff.sub,
                              datetime.now(UTC))
        return ProspectDetail.model_validate(await reading.prospect_detail(pool, prospect_id))


@router.post("/qualify", response_model=ProspectDetail,
             responses={409: {"description": "Already qualified, or not at a stage to be"}},
             summary="Record the qualification; publishes prospect.qualified")
async def qualify(prospect_id: uuid.UUID, qualification: QualificationIn, pool: DbPool,
                  staff: StaffPrincipal) -> ProspectDetail:
    with answered_as_http():
        await pipeline.qualify(pool, prospect_id, Qualification(**qualification.model_dump()),
                               staff.sub, datetime.now(UTC))
        return ProspectDetail.model_validate(await reading.prospect_detail(pool, prospect_id))
