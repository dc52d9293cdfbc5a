"""Writing a contact: its prospect (found or created by email identity), the contact itself
(which is its own entry on the prospect's timeline) and its contact.received event in the
outbox, in one statement.

One statement is one transaction: no BEGIN and COMMIT of our own, so the busiest public
route makes one round trip to PostgreSQL where it made four (bench/intake.py). The event
is built by the caller and completed here with what only the statement knows: the
prospect's id (found or new), which is also its subject, and whether it is new."""

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg

from shared.correlation import current_correlation_id
from shared.events import CloudEvent
from shared.outbox.store import completed_body_sql, insert_outbox_rows

# New values win for what the person just told us; what they said before and did not repeat
# stays. The villages they mention add up. `xmax = 0` only on a freshly inserted row.
# contact.received, completed with what only this statement knows: the prospect's id (found
# or new), which is also the event's subject, and whether it is new.
INSERT_EVENT = insert_outbox_rows(
    "SELECT $26, $27, prospect.id::text, " + completed_body_sql("$28::jsonb", {
        "subject": "prospect.id::text",
        "data,prospect_id": "prospect.id::text",
        "data,is_new_prospect": "prospect.created",
    }) + ", $29 FROM prospect")
RECORD_CONTACT = """
WITH prospect AS (
    INSERT INTO prospects AS p (
        id, email, email_key, first_name, last_name, phone, locale, origin_city,
        origin_country, profession, sector, household_adults, household_children,
        household_size, desired_villages, move_horizon, consent_version, consent_given_at,
        consent_source, created_at, last_contact_at, search_text, sort_name)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
            $19, $18, $18, $20, $21)
    ON CONFLICT (email_key) DO UPDATE SET
        email = EXCLUDED.email,
        first_name = EXCLUDED.first_name,
        last_name = EXCLUDED.last_name,
        phone = COALESCE(EXCLUDED.phone, p.phone),
        locale = EXCLUDED.locale,
        origin_city = COALESCE(EXCLUDED.origin_city, p.origin_city),
        origin_country = COALESCE(EXCLUDED.origin_country, p.origin_country),
        profession = COALESCE(EXCLUDED.profession, p.profession),
        sector = COALESCE(EXCLUDED.sector, p.sector),
        household_adults = COALESCE(EXCLUDED.household_adults, p.household_adults),
        household_children = COALESCE(EXCLUDED.household_children, p.household_children),
        household_size = COALESCE(EXCLUDED.household_size, p.household_size),
        desired_villages = p.desired_villages || ARRAY(
            SELECT v FROM unnest(EXCLUDED.desired_villages) AS v
            WHERE v <> ALL (p.desired_villages)),
        move_horizon = COALESCE(EXCLUDED.move_horizon, p.move_horizon),
        consent_version = EXCLUDED.consent_version,
        consent_given_at = EXCLUDED.consent_given_at,
        consent_source = EXCLUDED.consent_source,
        last_contact_at = GREATEST(p.last_contact_at, EXCLUDED.last_contact_at),
        -- The text is the new contact's; a phone or town kept from before stays findable.
        search_text = concat_ws(' ', EXCLUDED.search_text,
                                CASE WHEN EXCLUDED.origin_city IS NULL
                                     THEN search_folded(p.origin_city) END,
                                CASE WHEN EXCLUDED.phone IS NULL
                                     THEN search_phone(p.phone) END),
        sort_name = EXCLUDED.sort_name
    RETURNING id, created_at, (xmax = 0) AS created
), contact AS (
    INSERT INTO contacts (id, prospect_id, channel, received_at, recorded_by, locale,
                          submitted, consent_version, consent_given_at, consent_source)
    SELECT $22, prospect.id, $23, $18, $24, $7, $25::jsonb, $17, $18, $19 FROM prospect
), village AS (
    INSERT INTO prospect_villages (insee_code, created_at, prospect_id)
    SELECT code, prospect.created_at, prospect.id FROM prospect, unnest($15::text[]) AS code
    ON CONFLICT DO NOTHING
), event AS (
    {insert_event}
), words AS (  -- the words the person is found by (store/search.py); none ever removed
    INSERT INTO search_words (word, prospect_id)
    SELECT word, prospect.id FROM prospect, unnest($30::text[]) AS word
    ON CONFLICT DO NOTHING
), vocabulary AS (
    INSERT INTO search_vocabulary (word) SELECT unnest($30::text[]) ON CONFLICT DO NOTHING
)
SELECT id, created FROM prospect
""".format(insert_event=INSERT_EVENT)


@dataclass(frozen=True)
class NewContact:
    contact_id: uuid.UUID
    channel: str
    received_at: datetime
    recorded_by: str | None
    email: str
    email_key: str
    first_name: str
    last_name: str
    phone: str | None
    locale: str
    origin_city: str | None
    origin_country: str | None
    profession: str | None
    sector: str | None
    household_adults: int | None
    household_children: int | None
    household_size: int | None
    desired_villages: list[str]
    move_horizon: str | None
    consent_version: str
    consent_source: str
    search_text: str
    sort_name: str
    submitted: dict
    search_words: list[str]


async def record_contact(db: asyncpg.Connection | asyncpg.Pool, c: NewContact,
                         event: CloudEvent[Any]) -> tuple[uuid.UUID, bool]:
    """The contact's prospect id, and whether this contact created it. `db`: a pool (the
    statement is its own transaction) or a connection in the caller's transaction."""
    row = await db.fetchrow(
        RECORD_CONTACT, uuid.uuid4(), c.email, c.email_key, c.first_name, c.last_name,
        c.phone, c.locale, c.origin_city, c.origin_country, c.profession, c.sector,
        c.household_adults, c.household_children, c.household_size, c.desired_villages,
        c.move_horizon, c.consent_version, c.received_at, c.consent_source, c.search_text,
        c.sort_name, c.contact_id, c.channel, c.recorded_by, json.dumps(c.submitted),
        event.id, event.type, event.to_json_bytes().decode(),
        event.correlationid or current_correlation_id(), c.search_words)
    return row["id"], row["created"]
