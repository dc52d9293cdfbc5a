"""A prospect with everything attached: the staff view and the GDPR export."""

import uuid

import asyncpg

from ..domain.consent import consent_text
from ..store import reading
from .errors import ProspectErased, ProspectNotFound


def _consent(row, locale: str) -> dict:
    return {"version": row["consent_version"], "given_at": row["consent_given_at"],
            "source": row["consent_source"], "text": consent_text(row["consent_version"], locale)}


async def prospect_detail(pool: asyncpg.Pool, prospect_id: uuid.UUID) -> dict:
    """The prospect's row with its consent (and its text), qualification, contacts and
    timeline: what api.models.ProspectDetail reads."""
    async with pool.acquire() as conn, conn.transaction(isolation="repeatable_read",
                                                         readonly=True):
        row = await reading.prospect(conn, prospect_id)
        if row is None:
            raise ProspectNotFound(str(prospect_id))
        if row["erased_at"] is not None:
            raise ProspectErased(str(prospect_id))
        contacts = await reading.contacts(conn, prospect_id)
        timeline = await reading.timeline(conn, prospect_id)
        qualification = await reading.qualification(conn, prospect_id)
    return {
        **row,
        "consent": _consent(row, row["locale"]),
        "qualification": qualification,
        "contacts": [{**c, "consent": _consent(c, c["locale"])} for c in contacts],
        "timeline": timeline,
    }
