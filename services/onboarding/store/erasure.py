"""SQL for erasing a person: their cases and member entry lose what identifies them,
the rows (and so every count) stay."""

import uuid

import asyncpg

ERASED = "[effacé / erased]"


async def anonymise_prospect(conn: asyncpg.Connection, prospect_id: uuid.UUID) -> tuple[int, int]:
    """Returns (cases, members) anonymised. Remembers the prospect so that a late
    qualification for them never opens a new case."""
    await conn.execute("INSERT INTO erased_prospects (prospect_id) VALUES ($1) "
                       "ON CONFLICT DO NOTHING", prospect_id)
    # An open case is closed too: nobody accompanies a person who asked to be forgotten.
    cases = await conn.fetch(
        "UPDATE cases SET first_name = NULL, last_name = NULL, email = NULL, notes = NULL, "
        "contact_agreed_on = NULL, "
        f"abandon_reason = CASE WHEN status = 'installed' THEN NULL ELSE '{ERASED}' END, "
        "status = CASE WHEN status = 'open' THEN 'abandoned' ELSE status END, "
        "closed_at = coalesce(closed_at, now()), "
        "anonymised_at = coalesce(anonymised_at, now()), updated_at = now() "
        "WHERE prospect_id = $1 RETURNING id", prospect_id)
    case_ids = [r["id"] for r in cases]
    await conn.execute(
        "UPDATE case_steps SET note = NULL, skip_reason = CASE WHEN "
        f"skip_reason IS NULL THEN NULL ELSE '{ERASED}' END WHERE case_id = ANY($1::uuid[])",
        case_ids)
    members = await conn.fetch(
        "UPDATE members SET first_name = NULL, last_name = NULL, listed = false, "
        "profession = NULL, skills = '{}', website = NULL, short_description = NULL, "
        "anonymised_at = coalesce(anonymised_at, now()) WHERE prospect_id = $1 RETURNING id",
        prospect_id)
    await conn.execute("UPDATE follow_ups SET note = NULL "
                       "WHERE member_id = ANY($1::uuid[])", [r["id"] for r in members])
    return len(case_ids), len(members)
