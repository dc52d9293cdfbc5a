"""Opening a case when a prospect is qualified (called from the inbox transaction)."""

import uuid

import asyncpg
import structlog

from shared.events import ProspectQualified

from .. import domain
from ..domain.household import Household
from ..store import cases as store

log = structlog.get_logger("onboarding.cases")


async def open_case(conn: asyncpg.Connection, event_id: uuid.UUID,
                    qualified: ProspectQualified, opened_at) -> uuid.UUID | None:
    """The new case's id; None when the prospect was erased or already has a case."""
    if await store.is_erased(conn, qualified.prospect_id):
        log.info("case.not_opened", reason="prospect erased",
                 prospect_id=str(qualified.prospect_id))
        return None
    household: Household = domain.household_from(qualified.household_size, qualified.children,
                                                  qualified.target_villages)
    case_id = await store.insert_case(conn, {
        "id": uuid.uuid4(),
        "prospect_id": qualified.prospect_id,
        "first_name": qualified.first_name,
        "last_name": qualified.last_name,
        "email": qualified.email,
        "locale": qualified.locale,
        "household_size": household.size,
        "children": household.children,
        "sector": qualified.sector,
        "origin_country": qualified.origin_country,
        "target_villages": sorted(household.wished_villages),
        "qualified_by": qualified.qualified_by,
        "assigned_to": qualified.qualified_by,  # who qualified follows, until reassigned
        "qualified_event_id": event_id,
        "opened_at": opened_at,
    })
    if case_id is None:
        log.info("case.not_opened", reason="prospect already has a case",
                 prospect_id=str(qualified.prospect_id))
        return None
    steps = domain.plan_checklist(domain.local_date(opened_at), household.expects_children)
    await store.insert_steps(conn, case_id, steps)
    log.info("case.opened", case_id=str(case_id), steps=len(steps))
    return case_id
