"""What the service learnt of people from events: their address and language (from
contact.received / prospect.qualified), which member is which prospect (solo.installed),
and events waiting for one of them to become known. All of it goes on prospect.erased
(store/erasure.py, which keeps the erased ids so that nothing of them comes back)."""

import datetime
import json
import uuid
from typing import Any

import asyncpg

from ..domain.audience import Person


async def lock_identities(conn: asyncpg.Connection) -> None:
    """Serialises, until commit, the handlers that learn who is who and those that park an
    event for want of it: otherwise a contact.received and a solo.installed handled at the
    same moment on two queues could each miss the other (one parks, the other had already
    looked for parked events)."""
    await conn.execute("SELECT pg_advisory_xact_lock(hashtext('notifications.identities'))")


async def lock_person(conn: asyncpg.Connection, prospect_id: uuid.UUID) -> None:
    """Serialises, until commit, what happens to one person (erased, or told something):
    an event handled at the same moment as their erasure either commits first (and the
    erasure removes what it stored) or waits for it (and finds them erased). Taken after
    lock_identities by the handlers that take both; the erasure takes this one only."""
    await conn.execute(
        "SELECT pg_advisory_xact_lock(hashtext('notifications.person:' || $1::uuid::text))",
        prospect_id)


async def remember_contact(conn: asyncpg.Connection, person: Person,
                           learnt_at: datetime.datetime) -> None:
    """Keeps the newest address: events of two queues may be handled out of order."""
    await conn.execute(
        "INSERT INTO contacts (prospect_id, email, first_name, last_name, locale, learnt_at) "
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (prospect_id) DO UPDATE SET "
        "email = EXCLUDED.email, first_name = EXCLUDED.first_name, "
        "last_name = EXCLUDED.last_name, locale = EXCLUDED.locale, learnt_at = EXCLUDED.learnt_at "
        "WHERE contacts.learnt_at <= EXCLUDED.learnt_at",
        person.prospect_id, person.email, person.first_name, person.last_name, person.locale,
        learnt_at)


async def remember_member(conn: asyncpg.Connection, member_id: uuid.UUID,
                          prospect_id: uuid.UUID, insee_code: str) -> None:
    await conn.execute(
        "INSERT INTO members (member_id, prospect_id, insee_code) VALUES ($1, $2, $3) "
        "ON CONFLICT (member_id) DO UPDATE SET prospect_id = EXCLUDED.prospect_id, "
        "insee_code = EXCLUDED.insee_code", member_id, prospect_id, insee_code)


def _person(row: asyncpg.Record | None) -> Person | None:
    if row is None:
        return None
    return Person(row["prospect_id"], row["email"], row["first_name"], row["last_name"],
                  row["locale"])


async def person(conn: asyncpg.Connection, prospect_id: uuid.UUID) -> Person | None:
    return _person(await conn.fetchrow("SELECT * FROM contacts WHERE prospect_id = $1",
                                       prospect_id))


async def member_prospect(conn: asyncpg.Connection, member_id: uuid.UUID) -> uuid.UUID | None:
    return await conn.fetchval("SELECT prospect_id FROM members WHERE member_id = $1", member_id)


async def park(conn: asyncpg.Connection, event_id: uuid.UUID, event_type: str,
               waiting_for: str, waiting_id: uuid.UUID, prospect_id: uuid.UUID | None,
               body: dict[str, Any]) -> None:
    await conn.execute(
        "INSERT INTO parked_events (event_id, event_type, waiting_for, waiting_id, prospect_id, "
        "body) VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT (event_id) DO UPDATE SET "
        "waiting_for = EXCLUDED.waiting_for, waiting_id = EXCLUDED.waiting_id, "
        "prospect_id = EXCLUDED.prospect_id",
        event_id, event_type, waiting_for, waiting_id, prospect_id, json.dumps(body))


async def unpark(conn: asyncpg.Connection, waiting_for: str,
                 waiting_id: uuid.UUID) -> list[tuple[str, dict[str, Any]]]:
    rows = await conn.fetch(
        "DELETE FROM parked_events WHERE waiting_for = $1 AND waiting_id = $2 "
        "RETURNING event_type, body", waiting_for, waiting_id)
    return [(row["event_type"], json.loads(row["body"])) for row in rows]


async def parked_count(conn: asyncpg.Connection) -> int:
    return await conn.fetchval("SELECT count(*) FROM parked_events")


async def forget_parked_before(conn: asyncpg.Connection, before: datetime.datetime) -> int:
    """Events whose person never became known (erased first, say) are not kept forever."""
    result = await conn.execute("DELETE FROM parked_events WHERE parked_at < $1", before)
    return int(result.split()[-1])
