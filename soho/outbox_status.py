"""`soho outbox`: what waits in each service's outbox and the error that keeps it there;
`soho outbox prune`: delete the events published long ago (the relays do it by themselves)."""

from shared.db import connect
from shared.outbox.store import backlog, failing_events, prune_published
from shared.service import ServiceDefinition


async def outbox_status(database_url: str, services: list[ServiceDefinition]) -> list[str]:
    lines = []
    for service in services:
        conn = await connect(database_url, service.schema)
        try:
            row = await backlog(conn)
            lines.append(f"{service.name}: {row['pending']} pending, {row['failing']} failing, "
                         f"oldest {row['oldest_seconds']:.0f}s")
            for event in await failing_events(conn):
                lines.append(f"  {event['id']}\t{event['type']}\tattempts={event['attempts']}"
                             f"\tnext={event['next_attempt_at']:%H:%M:%S}\t{event['last_error']}")
        finally:
            await conn.close()
    return lines


async def prune_outboxes(database_url: str, services: list[ServiceDefinition],
                         older_than_hours: float) -> list[str]:
    """Delete the events published more than `older_than_hours` ago from each outbox, in
    batches; safe beside running relays (they skip each other's rows)."""
    lines = []
    for service in services:
        conn = await connect(database_url, service.schema)
        try:
            deleted = 0
            async for count in prune_published(conn, older_than_hours):
                deleted += count
            lines.append(f"{service.name}: {deleted} published event(s) older than "
                         f"{older_than_hours:g} h deleted")
        finally:
            await conn.close()
    return lines
