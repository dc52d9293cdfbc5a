"""Staff lists of prospects: filters, a sort, keyset pagination (no OFFSET: page 2,000 costs
what page 1 does). Each shape of request has a plan that stays fast at a million rows:

- filters and sorts walk an index in the sort's order (0001.prospects.sql) and stop at the
  page's end;
- a village, newest first, walks `prospect_villages` (village, created_at);
- a text search collects its matches through the trigram index when they are few, sorts
  them, and only when they are many walks the sort's index (where matches are dense enough
  to fill a page quickly). The planner cannot tell these apart from its statistics."""

from dataclasses import dataclass
from datetime import datetime

import asyncpg

from .reading import SUMMARY_COLUMNS

# sort name -> (column, SQL type of its value in a cursor)
SORT_COLUMNS = {"created_at": ("created_at", "timestamptz"),
                "last_contact_at": ("last_contact_at", "timestamptz"),
                "last_name": ("sort_name", "text")}
# Up to this many matches, a search sorts its matches; beyond, it walks the sort's index.
FEW_MATCHES = 5000
COLUMNS = (", ".join(f"p.{c.strip()}" for c in SUMMARY_COLUMNS.split(","))
           + ", p.sort_name, p.origin_city, p.household_size")


@dataclass(frozen=True)
class Filters:
    stages: list[str]
    sector: str | None = None
    origin_country: str | None = None
    village: str | None = None
    assigned_to: str | None = None
    unassigned: bool = False
    search_pattern: str | None = None  # a LIKE pattern on the folded search text
    email_key: str | None = None  # a complete address: that person
    created_from: datetime | None = None  # first contact at or after
    created_before: datetime | None = None  # first contact before


@dataclass(frozen=True)
class After:
    """The last row of the previous page, in the sort's terms."""

    value: datetime | str
    id: str


class _Query:
    def __init__(self) -> None:
        self.args: list = []
        self.where = ["p.erased_at IS NULL"]

    def arg(self, value) -> str:
        self.args.append(value)
        return f"${len(self.args)}"


def _filtered(filters: Filters, *, village_by_join: bool = False) -> _Query:
    q = _Query()
    if filters.stages:
        q.where.append(f"p.stage = ANY ({q.arg(filters.stages)}::text[])")
    if filters.sector:
        q.where.append(f"p.sector = {q.arg(filters.sector)}")
    if filters.origin_country:
        q.where.append(f"p.origin_country = {q.arg(filters.origin_country)}")
    if filters.village and not village_by_join:
        q.where.append("p.id IN (SELECT prospect_id FROM prospect_villages "
                       f"WHERE insee_code = {q.arg(filters.village)})")
    if filters.unassigned:
        q.where.append("p.assigned_to IS NULL")
    elif filters.assigned_to:
        q.where.append(f"p.assigned_to = {q.arg(filters.assigned_to)}")
    if filters.email_key:
        q.where.append(f"p.email_key = {q.arg(filters.email_key)}")
    if filters.search_pattern:
        q.where.append(f"p.search_text LIKE {q.arg(filters.search_pattern)}")
    if filters.created_from:
        q.where.append(f"p.created_at >= {q.arg(filters.created_from)}")
    if filters.created_before:
        q.where.append(f"p.created_at < {q.arg(filters.created_before)}")
    return q


def _keyset(q: _Query, key: str, sql_type: str, descending: bool, after: After | None) -> None:
    if after is not None:
        op = "<" if descending else ">"
        q.where.append(f"({key}, p.id) {op} ({q.arg(after.value)}::{sql_type}, "
                       f"{q.arg(after.id)}::uuid)")


async def list_prospects(conn: asyncpg.Connection, filters: Filters, sort: str,
                         descending: bool, after: After | None,
                         limit: int) -> list[asyncpg.Record]:
    """Up to `limit` + 1 rows (one more tells there is a next page)."""
    column, sql_type = SORT_COLUMNS[sort]
    order = "DESC" if descending else "ASC"
    if filters.search_pattern:
        rows = await _few_matches_sorted(conn, filters, column, sql_type, order, after, limit)
        if rows is not None:
            return rows
    if filters.village and sort == "created_at":
        q = _filtered(filters, village_by_join=True)
        q.where.append(f"v.insee_code = {q.arg(filters.village)}")
        _keyset(q, "v.created_at", sql_type, descending, after)
        source, ordering = ("prospect_villages v JOIN prospects p ON p.id = v.prospect_id",
                            f"v.created_at {order}, v.prospect_id {order}")
    else:
        q = _filtered(filters)
        _keyset(q, f"p.{column}", sql_type, descending, after)
        source, ordering = "prospects p", f"p.{column} {order}, p.id {order}"
    return await conn.fetch(f"SELECT {COLUMNS} FROM {source} WHERE {' AND '.join(q.where)} "
                            f"ORDER BY {ordering} LIMIT {q.arg(limit + 1)}", *q.args)


async def _few_matches_sorted(conn: asyncpg.Connection, filters: Filters, column: str,
                              sql_type: str, order: str, after: After | None,
                              limit: int) -> list[asyncpg.Record] | None:
    """The page, when the search matches few prospects; None when it matches many."""
    q = _filtered(filters)
    _keyset(q, f"p.{column}", sql_type, order == "DESC", after)
    rows = await conn.fetch(
        f"WITH matches AS MATERIALIZED (SELECT {COLUMNS} FROM prospects p "
        f"WHERE {' AND '.join(q.where)} LIMIT {FEW_MATCHES + 1}) "
        "SELECT *, (SELECT count(*) FROM matches) AS matched FROM matches "
        f"ORDER BY {column} {order}, id {order} LIMIT {q.arg(limit + 1)}", *q.args)
    if rows and rows[0]["matched"] > FEW_MATCHES:
        return None
    return rows


async def count_by_stage(conn: asyncpg.Connection, filters: Filters) -> dict[str, int]:
    """How many prospects the filters keep at each stage (one query, whatever the stages)."""
    q = _filtered(filters)
    rows = await conn.fetch(f"SELECT p.stage, count(*) AS n FROM prospects p "
                            f"WHERE {' AND '.join(q.where)} GROUP BY p.stage", *q.args)
    return {row["stage"]: row["n"] for row in rows}


async def assignees(conn: asyncpg.Connection, limit: int = 200) -> list[str]:
    """The staff names prospects are assigned to, alphabetically: a walk of the assignee
    index from one name to the next (a handful of names, however many prospects)."""
    rows = await conn.fetch(
        "WITH RECURSIVE names(name) AS ("
        "  (SELECT assigned_to FROM prospects WHERE erased_at IS NULL "
        "   AND assigned_to IS NOT NULL ORDER BY assigned_to LIMIT 1)"
        "  UNION ALL"
        "  SELECT (SELECT assigned_to FROM prospects WHERE erased_at IS NULL "
        "          AND assigned_to > names.name ORDER BY assigned_to LIMIT 1)"
        "  FROM names WHERE names.name IS NOT NULL"
        ") SELECT name FROM names WHERE name IS NOT NULL LIMIT $1", limit)
    return [row["name"] for row in rows]
