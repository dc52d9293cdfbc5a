"""Anonymising a person: what identifies them goes, the facts the key figures count stay
(stage, dates, channel, sector, country of origin, household size, villages)."""

import uuid
from datetime import datetime

import asyncpg

ANONYMISE_PROSPECT = """
UPDATE prospects SET
    email = NULL, email_key = NULL, first_name = NULL, last_name = NULL, phone = NULL,
    origin_city = NULL, profession = NULL, search_text = NULL, sort_name = NULL,
    lost_reason = NULL, erased_at = $2
WHERE id = $1 AND erased_at IS NULL
"""

# Free text written about or by the person goes; who did what and when stays.
ANONYMISE_ATTACHED = [
    "UPDATE contacts SET submitted = NULL WHERE prospect_id = $1",
    "UPDATE qualifications SET notes = NULL WHERE prospect_id = $1",
    "UPDATE timeline SET details = details - 'text' - 'reason' WHERE prospect_id = $1",
    # Events already published about the person (their payloads carry names and email).
    # Pending ones stay, by design: the consumers must still get them (the key figures
    # count every contact, erased or not) and the relay publishes in order, so
    # prospect.erased follows them. Such a row exists only when the relay was behind at
    # the moment of erasure (the broker unreachable); once published it keeps the address
    # until the relay prunes it, SOHO_OUTBOX_RETENTION_HOURS later (a week by default).
    "DELETE FROM outbox WHERE subject = ($1::uuid)::text AND published_at IS NOT NULL",
    # The words the person was found by; a word nobody else has leaves the vocabulary too.
    """WITH gone AS (DELETE FROM search_words WHERE prospect_id = $1 RETURNING word)
       DELETE FROM search_vocabulary v USING gone WHERE v.word = gone.word
          AND NOT EXISTS (SELECT 1 FROM search_words w
                          WHERE w.word = v.word AND w.prospect_id <> $1)""",
]

# People still being accompanied or installed are members now, not prospects to forget.
INACTIVE = """
FROM prospects
WHERE erased_at IS NULL AND last_contact_at < $1
  AND stage NOT IN ('installing', 'installed')
"""


async def anonymise(conn: asyncpg.Connection, prospect_id: uuid.UUID, now: datetime) -> bool:
    """True if the person was anonymised now (False: unknown or already erased)."""
    if await conn.execute(ANONYMISE_PROSPECT, prospect_id, now) == "UPDATE 0":
        return False
    for statement in ANONYMISE_ATTACHED:
        await conn.execute(statement, prospect_id)
    return True


async def lock_inactive(conn: asyncpg.Connection, cutoff: datetime,
                        limit: int) -> list[uuid.UUID]:
    """Prospects with no contact since `cutoff`, locked; rows another run holds are skipped."""
    rows = await conn.fetch(f"SELECT id {INACTIVE} ORDER BY last_contact_at, id LIMIT $2 "
                            "FOR UPDATE SKIP LOCKED", cutoff, limit)
    return [row["id"] for row in rows]


async def count_inactive(conn: asyncpg.Connection, cutoff: datetime) -> int:
    return await conn.fetchval(f"SELECT count(*) {INACTIVE}", cutoff)
