"""SQL for villages: their profile, committee, and the filters of the staff list."""

from dataclasses import dataclass

import asyncpg

PROFILE_COLUMNS = ("host_status", "has_school", "has_doctor", "has_shops", "has_train_station",
                   "broadband_technology", "broadband_mbps", "housing_notes", "demo")
# Name search ignores case and French accents ("montreal" finds Montréal).
FOLD = "translate(lower({}), 'àâäéèêëîïôöùûüÿç''-', 'aaaeeeeiioouuuyc  ')"


@dataclass(frozen=True)
class VillageFilter:
    host_status: list[str] | None = None
    has_committee: bool | None = None
    school: bool | None = None
    doctor: bool | None = None
    shops: bool | None = None
    train_station: bool | None = None
    min_broadband_mbps: int | None = None
    name: str | None = None
    demo: bool | None = None


def _where(f: VillageFilter) -> tuple[str, list]:
    clauses, args = [], []

    def add(clause: str, value) -> None:
        args.append(value)
        clauses.append(clause.format(f"${len(args)}"))

    if f.host_status:
        add("host_status = ANY({}::text[])", f.host_status)
    if f.has_committee is not None:
        add("(committee_email IS NOT NULL) = {}", f.has_committee)
    for column, wanted in (("has_school", f.school), ("has_doctor", f.doctor),
                           ("has_shops", f.shops), ("has_train_station", f.train_station)):
        if wanted is not None:
            add(f"{column} IS NOT DISTINCT FROM {{}}", wanted)
    if f.min_broadband_mbps is not None:
        add("broadband_mbps >= {}", f.min_broadband_mbps)
    if f.name:
        add(f"position({FOLD.format('{}')} in {FOLD.format('name')}) > 0", f.name)
    if f.demo is not None:
        add("demo = {}", f.demo)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


async def list_villages(conn: asyncpg.Connection, f: VillageFilter) -> list[asyncpg.Record]:
    where, args = _where(f)
    return await conn.fetch(f"SELECT * FROM villages{where} ORDER BY name, insee_code", *args)


async def get_village(conn: asyncpg.Connection, insee_code: str,
                      *, for_update: bool = False) -> asyncpg.Record | None:
    lock = " FOR UPDATE" if for_update else ""
    return await conn.fetchrow(f"SELECT * FROM villages WHERE insee_code = $1{lock}", insee_code)


async def update_profile(conn: asyncpg.Connection, insee_code: str,
                         changes: dict) -> asyncpg.Record | None:
    """Set the given profile columns (only those in PROFILE_COLUMNS) of one village."""
    columns = [c for c in changes if c in PROFILE_COLUMNS]
    assignments = ", ".join(f"{c} = ${i + 2}" for i, c in enumerate(columns))
    sets = f"{assignments}, " if assignments else ""
    return await conn.fetchrow(
        f"UPDATE villages SET {sets}updated_at = now() "
        "WHERE insee_code = $1 RETURNING *", insee_code, *(changes[c] for c in columns))


async def set_committee(conn: asyncpg.Connection, insee_code: str, email: str | None,
                        locale: str | None, webhook_url: str | None) -> asyncpg.Record | None:
    return await conn.fetchrow(
        "UPDATE villages SET committee_email = $2, committee_locale = $3, "
        "committee_webhook_url = $4, committee_updated_at = now(), "
        "updated_at = now() WHERE insee_code = $1 RETURNING *",
        insee_code, email, locale, webhook_url)
