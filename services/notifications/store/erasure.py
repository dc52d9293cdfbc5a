"""prospect.erased: every message and address of that person goes; their id (and their
members' ids) stay in erased_people / erased_members, so that an event about them handled
later stores and sends nothing."""

import uuid

import asyncpg


async def is_erased(conn: asyncpg.Connection, prospect_id: uuid.UUID) -> bool:
    return bool(await conn.fetchval(
        "SELECT true FROM erased_people WHERE prospect_id = $1", prospect_id))


async def is_erased_member(conn: asyncpg.Connection, member_id: uuid.UUID) -> bool:
    return bool(await conn.fetchval(
        "SELECT true FROM erased_members WHERE member_id = $1", member_id))


async def mark_erased_member(conn: asyncpg.Connection, member_id: uuid.UUID,
                             prospect_id: uuid.UUID) -> int:
    """A member of an erased person, learnt late (solo.installed after prospect.erased):
    remembered as erased, and the events parked waiting for them go. Returns how many."""
    await conn.execute("INSERT INTO erased_members (member_id, prospect_id) VALUES ($1, $2) "
                       "ON CONFLICT DO NOTHING", member_id, prospect_id)
    parked = await conn.execute("DELETE FROM parked_events WHERE waiting_for = 'member' "
                                "AND waiting_id = $1", member_id)
    return int(parked.split()[-1])


async def erase_person(conn: asyncpg.Connection, prospect_id: uuid.UUID) -> dict[str, int]:
    """Call it holding the person's lock (people.lock_person)."""
    await conn.execute("INSERT INTO erased_people (prospect_id) VALUES ($1) "
                       "ON CONFLICT DO NOTHING", prospect_id)
    members = [r["member_id"] for r in await conn.fetch(
        "DELETE FROM members WHERE prospect_id = $1 RETURNING member_id", prospect_id)]
    await conn.execute("INSERT INTO erased_members (member_id, prospect_id) "
                       "SELECT unnest($1::uuid[]), $2 ON CONFLICT DO NOTHING",
                       members, prospect_id)
    deliveries = [str(r["id"]) for r in await conn.fetch(
        "DELETE FROM deliveries WHERE prospect_id = $1 RETURNING id", prospect_id)]
    # notification.sent/failed already published name the address; their outbox copies go.
    # (One still waiting for the relay is published, then kept like any other until the
    # relay prunes it, SOHO_OUTBOX_RETENTION_HOURS after: only when the relay was behind
    # at the moment of erasure. The inbox keeps event ids and types only.)
    await conn.execute("DELETE FROM outbox WHERE published_at IS NOT NULL "
                       "AND subject = ANY($1::text[])", deliveries)
    parked = await conn.execute(
        "DELETE FROM parked_events WHERE prospect_id = $1 "
        "OR (waiting_for = 'prospect' AND waiting_id = $1) "
        "OR (waiting_for = 'member' AND waiting_id = ANY($2::uuid[]))", prospect_id, members)
    contacts = await conn.execute("DELETE FROM contacts WHERE prospect_id = $1", prospect_id)
    digests = await _erase_from_digests(conn, prospect_id)
    return {"deliveries": len(deliveries), "members": len(members),
            "contacts": int(contacts.split()[-1]), "parked": int(parked.split()[-1]),
            "digests": digests}


async def _erase_from_digests(conn: asyncpg.Connection, prospect_id: uuid.UUID) -> int:
    """A weekly digest names several households. One already sent keeps its subject and
    loses its bodies; one not sent yet is dropped and its other arrivals wait for the next
    composition (unless part of it went out already: then it is dropped with the person)."""
    digests = [r["digest_event_id"] for r in await conn.fetch(
        "DELETE FROM digest_items WHERE prospect_id = $1 RETURNING digest_event_id",
        prospect_id) if r["digest_event_id"] is not None]
    for digest in set(digests):
        await conn.execute(
            "UPDATE deliveries SET body_text = NULL, body_html = NULL, payload = NULL, "
            "updated_at = now() WHERE event_id = $1 AND status IN ('sent', 'sending')", digest)
        dropped = await conn.fetchval(
            "WITH gone AS (DELETE FROM deliveries WHERE event_id = $1 "
            "AND status NOT IN ('sent', 'sending') RETURNING id) SELECT count(*) FROM gone",
            digest)
        partly_sent = await conn.fetchval(
            "SELECT count(*) FROM deliveries WHERE event_id = $1", digest)
        if dropped and not partly_sent:
            await conn.execute("UPDATE digest_items SET digest_event_id = NULL "
                               "WHERE digest_event_id = $1", digest)
    return len(set(digests))
