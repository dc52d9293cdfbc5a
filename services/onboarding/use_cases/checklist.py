"""Moving a case's checklist: complete, skip or reopen a step; what staff learn later."""

import uuid

import asyncpg

from .. import domain
from ..domain import CaseStatus, StepState, StepStatus
from ..store import cases as store
from .errors import InvalidInput, NotFound, check_revision


async def _locked_case(conn: asyncpg.Connection, case_id: uuid.UUID) -> asyncpg.Record:
    case = await store.get_case(conn, case_id, for_update=True)
    if case is None:
        raise NotFound(f"no case {case_id}")
    return case


async def _step_states(conn: asyncpg.Connection, case_id: uuid.UUID) -> dict[str, StepState]:
    rows = (await store.steps_of(conn, [case_id]))[case_id]
    return {r["key"]: StepState(r["key"], StepStatus(r["status"]), tuple(r["prerequisites"]),
                                r["due_on"]) for r in rows}


async def change_step(pool: asyncpg.Pool, case_id: uuid.UUID, key: str, action: str, by: str,
                      *, reason: str | None = None, note: str | None = None,
                      revision=None) -> None:
    """`action` is complete, skip or reopen; raises StepConflict (409) when the rules say no,
    RecordChanged when the case is no longer at `revision` (a page's form)."""
    async with pool.acquire() as conn, conn.transaction():
        case = await _locked_case(conn, case_id)
        check_revision(case, revision)
        domain.check_steps_editable(CaseStatus(case["status"]))
        steps = await _step_states(conn, case_id)
        if key not in steps:
            raise NotFound(f"this case has no step {key}")
        if action == "complete":
            domain.check_complete(steps, key)
            await store.resolve_step(conn, case_id, key, StepStatus.DONE, by, None, note)
        elif action == "skip":
            domain.check_skip(steps, key)
            await store.resolve_step(conn, case_id, key, StepStatus.SKIPPED, by, reason, note)
        else:
            domain.check_reopen(steps, key)
            await store.reopen_step(conn, case_id, key)


NO_CHILDREN = "pas d'enfants / no children"


async def update_case(pool: asyncpg.Pool, case_id: uuid.UUID, changes: dict, by: str,
                      *, revision=None) -> None:
    """Staff correct what the qualification did not say (children), keep notes or reassign
    the case (`assigned_to`). Knowing the children adds the school enrolment step, or
    skips it."""
    async with pool.acquire() as conn, conn.transaction():
        case = await _locked_case(conn, case_id)
        check_revision(case, revision)
        if case["anonymised_at"] is not None:
            raise domain.CaseConflict("this person was erased")
        if "children" in changes and changes["children"] is not None:
            if changes["children"] >= case["household_size"]:
                raise InvalidInput("children", "must be smaller than the household size "
                                   f"({case['household_size']})")
        await store.update_case(conn, case_id, changes)
        if "children" not in changes or case["status"] == CaseStatus.ABANDONED:
            return
        household = domain.household_from(case["household_size"], changes["children"], [])
        steps = await _step_states(conn, case_id)
        school = steps.get("school_enrolment")
        change = domain.school_step_change(household.expects_children,
                                           school.status if school else None)
        if change == "add":
            planned = domain.plan_checklist(domain.local_date(case["opened_at"]), True)
            await store.insert_steps(conn, case_id,
                                     [s for s in planned if s.key == "school_enrolment"])
        elif change == "skip":
            await store.resolve_step(conn, case_id, "school_enrolment", StepStatus.SKIPPED, by,
                                     NO_CHILDREN, None)
