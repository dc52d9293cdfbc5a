"""Small helpers for the prospects tests: unique people, counting rows."""

import uuid

import asyncpg


def person(**changes) -> dict:
    """A valid contact body for a person nobody else's test uses."""
    tag = uuid.uuid4().hex[:10]
    return {"first_name": "Camille", "last_name": f"Martin-{tag}",
            "email": f"camille.{tag}@example.org", "consent": True} | changes


async def counts(db: asyncpg.Connection) -> dict[str, int]:
    return {table: await db.fetchval(f"SELECT count(*) FROM {table}")
            for table in ("prospects", "contacts", "timeline", "outbox", "idempotency_keys")}


def events_about(listener, event_type: str, subject: str) -> list[dict]:
    return [r.body for r in listener.received
            if r.routing_key == event_type and r.body.get("subject") == subject]
