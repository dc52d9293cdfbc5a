"""A prospect with everything attached: the staff view and the GDPR export."""

import uuid
from datetime import datetime

import asyncpg

from ..domain.consent import consent_text
from ..domain.prospect_record import ProspectDetail, ProspectExport
from ..store import reading
from .errors import ProspectErased, ProspectNotFound, RecordChanged


def _consent(row, locale: str) -> dict:
    return {"version": row["consent_version"], "given_at": row["consent_given_at"],
            "source": row["consent_source"], "text": consent_text(row["consent_version"], locale)}


async def prospect_detail(pool: asyncpg.Pool, prospect_id: uuid.UUID) -> dict:
    """The prospect's row with its consent (and its text), qualification, contacts and
    timeline (oldest first): what domain.prospect_record.ProspectDetail reads; and its
    `revision`, for a form to say which state it was built from."""
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
        revision = await reading.revision(conn, prospect_id)
    return {
        **row,
        "consent": _consent(row, row["locale"]),
        "qualification": qualification,
        "contacts": [{**c, "consent": _consent(c, c["locale"])} for c in contacts],
        "timeline": timeline,
        "revision": revision,
    }


async def prospect_export(pool: asyncpg.Pool, prospect_id: uuid.UUID,
                          now: datetime) -> ProspectExport:
    """Everything held about the person (GDPR art. 15 and 20), as the API and the staff
    pages export it."""
    detail = ProspectDetail.model_validate(await prospect_detail(pool, prospect_id))
    return ProspectExport(exported_at=now, prospect=detail)


async def check_revision(conn: asyncpg.Connection, prospect_id: uuid.UUID,
                         expected: str | None) -> None:
    """RecordChanged unless the prospect (locked by the caller) is still at `expected`
    (None: the caller does not care, as the JSON API)."""
    if expected is not None and await reading.revision(conn, prospect_id) != expected:
        raise RecordChanged(str(prospect_id))
