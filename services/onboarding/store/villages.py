"""SQL for villages: their profile, committee, the filters of the staff list, and the
seed (the communes copied in, the demonstration profiles)."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

import asyncpg

from shared.reference.communes import Commune

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


COMMUNE_COLUMNS = ("insee_code", "name", "population", "postal_code", "town_hall_address",
                   "town_hall_phone", "latitude", "longitude")


class DemoProfile(NamedTuple):
    insee_code: str
    host_status: str
    committee_email: str | None
    committee_locale: str | None
    has_school: bool
    has_doctor: bool
    has_shops: bool
    has_train_station: bool
    broadband_technology: str
    broadband_mbps: int
    housing_notes: str


async def count_villages(conn: asyncpg.Connection) -> int:
    return await conn.fetchval("SELECT count(*) FROM villages")


async def insert_communes(conn: asyncpg.Connection, communes: Iterable[Commune]) -> int:
    """Copies the communes' public records into `villages`; how many."""
    rows = [tuple(getattr(c, column) for column in COMMUNE_COLUMNS) for c in communes]
    await conn.copy_records_to_table("villages", records=rows, columns=COMMUNE_COLUMNS)
    return len(rows)


async def set_demo_profiles(conn: asyncpg.Connection, profiles: list[DemoProfile]) -> None:
    await conn.executemany(
        """UPDATE villages SET host_status = $2, committee_email = $3, committee_locale = $4,
               committee_updated_at = CASE WHEN $3::text IS NULL THEN NULL ELSE now() END,
               has_school = $5, has_doctor = $6, has_shops = $7, has_train_station = $8,
               broadband_technology = $9, broadband_mbps = $10, housing_notes = $11,
               demo = true, updated_at = now()
           WHERE insee_code = $1""", profiles)
