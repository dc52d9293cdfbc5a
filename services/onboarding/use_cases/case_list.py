"""The staff's list of cases: each with its current step (the pending step due first),
overdue first or grouped by step, filtered by status and assignee, keyset-paged. One
statement per page, whatever its length."""

import datetime
import uuid
from dataclasses import dataclass

import asyncpg

from ..domain import TEMPLATE
from ..store import case_list as store
from ..store import cases as case_store
from ..store.case_list import CaseListFilter

STEP_ORDER = tuple(t.key for t in TEMPLATE)


class BadCursor(ValueError):
    """A page address that no page of this list gave (edited, or from another sort)."""


@dataclass(frozen=True)
class CaseListPage:
    rows: list[asyncpg.Record]
    next_cursor: str | None
    assignees: list[str]


def cursor_of(row: asyncpg.Record) -> str:
    return f"{row['sort_rank']}.{row['sort_due'].isoformat()}.{row['id']}"


def read_cursor(text: str) -> tuple[int, datetime.date, uuid.UUID]:
    try:
        rank, due, case_id = text.split(".")
        parsed = (int(rank), datetime.date.fromisoformat(due), uuid.UUID(case_id))
    except ValueError:
        raise BadCursor(text[:100]) from None
    if not 0 <= parsed[0] <= store.NO_STEP_RANK:
        raise BadCursor(text[:100])
    return parsed


async def list_cases(pool: asyncpg.Pool, f: CaseListFilter, limit: int = 25) -> CaseListPage:
    async with pool.acquire() as conn:
        rows = await store.list_cases(conn, f, STEP_ORDER, limit + 1)
        names = await store.assignees(conn)
    more = len(rows) > limit
    rows = rows[:limit]
    return CaseListPage(rows, cursor_of(rows[-1]) if more else None, names)


async def cases_of_prospect(pool: asyncpg.Pool, prospect_id: uuid.UUID
                            ) -> list[tuple[asyncpg.Record, list[asyncpg.Record]]]:
    """The prospect's cases, newest first, each with its steps (two statements)."""
    async with pool.acquire() as conn:
        cases = await store.cases_of_prospect(conn, prospect_id)
        steps = await case_store.steps_of(conn, [c["id"] for c in cases])
    return [(c, steps[c["id"]]) for c in cases]
