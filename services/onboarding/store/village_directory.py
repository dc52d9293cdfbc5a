"""SQL for the staff's pages of villages: the list of communes with the solos each
welcomed, keyset-paged (by name or INSEE code), in one statement per page."""

from dataclasses import dataclass
from typing import Literal

import asyncpg

from .villages import FOLD

Order = Literal["name", "insee"]


@dataclass(frozen=True)
class VillagePage:
    """Which villages, in which order, after which one (its INSEE code), how many."""

    host_status: str | None = None
    has_committee: bool | None = None
    name: str | None = None
    order: Order = "name"
    after: str | None = None
    limit: int = 50


def _where(q: VillagePage) -> tuple[list[str], list]:
    clauses, args = [], []

    def add(clause: str, value) -> None:
        args.append(value)
        clauses.append(clause.format(f"${len(args)}"))

    if q.host_status:
        add("v.host_status = {}", q.host_status)
    if q.has_committee is not None:
        add("(v.committee_email IS NOT NULL) = {}", q.has_committee)
    if q.name:
        add(f"position({FOLD.format('{}')} in {FOLD.format('v.name')}) > 0", q.name)
    if q.after:
        if q.order == "name":
            add("(v.name, v.insee_code) > (SELECT a.name, a.insee_code FROM villages a "
                "WHERE a.insee_code = {})", q.after)
        else:
            add("v.insee_code > {}", q.after)
    return clauses, args


async def village_page(conn: asyncpg.Connection, q: VillagePage) -> list[asyncpg.Record]:
    """Up to `limit + 1` villages (one more tells there is a next page), each with
    `solos` (the households installed there and not erased) and `has_committee`."""
    clauses, args = _where(q)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    order = "v.name, v.insee_code" if q.order == "name" else "v.insee_code"
    args.append(q.limit + 1)
    return await conn.fetch(
        f"""SELECT v.insee_code, v.name, v.population, v.host_status, v.postal_code,
                   v.committee_email IS NOT NULL AS has_committee,
                   coalesce(m.solos, 0) AS solos
            FROM villages v
            LEFT JOIN (SELECT village, count(*) AS solos FROM members
                       WHERE anonymised_at IS NULL GROUP BY village) m
              ON m.village = v.insee_code
            {where} ORDER BY {order} LIMIT ${len(args)}""", *args)


async def village_exists(conn: asyncpg.Connection, insee_code: str) -> bool:
    return await conn.fetchval("SELECT true FROM villages WHERE insee_code = $1",
                               insee_code) is not None


async def host_status_counts(conn: asyncpg.Connection) -> dict[str, int]:
    rows = await conn.fetch("SELECT host_status, count(*) AS n FROM villages "
                            "GROUP BY host_status")
    return {r["host_status"]: r["n"] for r in rows}
