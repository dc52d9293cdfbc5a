"""Follow-ups at 1, 6 and 12 months after installation, and who stays."""

import uuid
from typing import Annotated

from fastapi import Path, Request

from shared.auth import StaffPrincipal
from shared.http.deps import DbPool

from .. import domain
from ..store import members as store
from ..use_cases import installation
from .access import PROTECTED
from .cases import today
from .errors import BODY, CONFLICT, NOT_FOUND, answering
from .models import Limit
from .models.members import DueFollowUp, FollowUp, FollowUpIn, Milestone, Retention
from .routing import api_router

router = api_router("follow-ups")
Months = Annotated[int, Path(ge=1, le=12, description="1, 6 or 12")]


@router.get("/follow-ups/due", responses=PROTECTED)
async def due_follow_ups(pool: DbPool, staff: StaffPrincipal,
                         limit: Limit = 200) -> list[DueFollowUp]:
    """Follow-ups whose date has come and that nobody recorded yet, oldest first."""
    async with pool.acquire() as conn:
        rows = await store.due_follow_ups(conn, today(), limit)
    return [DueFollowUp(**{k: r[k] for k in DueFollowUp.model_fields}) for r in rows]


@router.put("/members/{member_id}/follow-ups/{months}",
            responses=PROTECTED | NOT_FOUND | CONFLICT | BODY)
async def record_follow_up(member_id: uuid.UUID, months: Months, body: FollowUpIn,
                           pool: DbPool, staff: StaffPrincipal, request: Request) -> FollowUp:
    """Is the household still here, is the activity going (staff; recording again corrects
    and publishes member.followed_up again)."""
    with answering():
        row = await installation.record_follow_up(
            pool, member_id, months, body.still_here, body.activity_going, body.note,
            staff.sub, source=request.app.state.definition.source)
    return FollowUp(**{k: row[k] for k in FollowUp.model_fields})


@router.get("/retention", responses=PROTECTED)
async def retention(pool: DbPool, staff: StaffPrincipal) -> Retention:
    """How many households stay: per milestone, due, recorded, still here, activity going."""
    async with pool.acquire() as conn:
        rows = await store.all_follow_ups(conn)
        members = await store.count_members(conn)
    milestones = domain.retention(
        [domain.FollowUpRecord(r["months"], r["due_on"], r["still_here"], r["activity_going"])
         for r in rows], today())
    return Retention(installed_members=members, milestones=[
        Milestone(months=m.months, due=m.due, recorded=m.recorded, still_here=m.still_here,
                  activity_going=m.activity_going, retention_rate=m.retention_rate)
        for m in milestones])
