"""Reading one prospect and everything attached to it."""

import json
import uuid

import asyncpg

SUMMARY_COLUMNS = """id, first_name, last_name, email, stage, sector, origin_country,
    desired_villages, target_villages, assigned_to, score, created_at, last_contact_at"""


async def prospect(conn: asyncpg.Connection, prospect_id: uuid.UUID, *,
                   for_update: bool = False) -> asyncpg.Record | None:
    lock = " FOR UPDATE" if for_update else ""
    return await conn.fetchrow(f"SELECT * FROM prospects WHERE id = $1{lock}", prospect_id)


async def revision(conn: asyncpg.Connection, prospect_id: uuid.UUID) -> str | None:
    """A fingerprint of the prospect as it stands: its row (stage, assignee, household,
    every contact's last date...) and its newest timeline entry (a note changes no column).
    A form carries the one it was built from; a different one means someone changed the
    record meanwhile."""
    return await conn.fetchval(
        "SELECT md5(p::text || ':' || COALESCE((SELECT max(t.id) FROM timeline t "
        "  WHERE t.prospect_id = p.id), 0)) FROM prospects p WHERE p.id = $1", prospect_id)


async def contacts(conn: asyncpg.Connection, prospect_id: uuid.UUID) -> list[dict]:
    rows = await conn.fetch("SELECT * FROM contacts WHERE prospect_id = $1 "
                            "ORDER BY received_at, id", prospect_id)
    return [{**row, "submitted": json.loads(row["submitted"]) if row["submitted"] else None}
            for row in rows]


async def timeline(conn: asyncpg.Connection, prospect_id: uuid.UUID) -> list[dict]:
    """Staff and system entries, with each contact as an entry (who: the staff member who
    recorded it, or how it came: web_form, api)."""
    rows = await conn.fetch(
        "SELECT at, actor, kind, details FROM ("
        "  SELECT at, actor, kind, details, id AS tie FROM timeline WHERE prospect_id = $1"
        "  UNION ALL"
        "  SELECT received_at, COALESCE(recorded_by, consent_source), 'contact',"
        "         jsonb_build_object('contact_id', id, 'channel', channel), 0"
        "  FROM contacts WHERE prospect_id = $1"
        ") AS entries ORDER BY at, tie", prospect_id)
    return [{**row, "details": json.loads(row["details"])} for row in rows]


async def qualification(conn: asyncpg.Connection, prospect_id: uuid.UUID) -> dict | None:
    row = await conn.fetchrow("SELECT * FROM qualifications WHERE prospect_id = $1",
                              prospect_id)
    if row is None:
        return None
    return {**row, "score_reasons": json.loads(row["score_reasons"])}
