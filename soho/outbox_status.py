"""`soho outbox`: what waits in each service's outbox and the error that keeps it there."""

from shared.db import connect
from shared.outbox.store import backlog, failing_events
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
