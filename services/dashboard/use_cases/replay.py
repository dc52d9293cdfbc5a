"""Applying replayed messages to the fresh projections as the live consumers would: the
same parsing (a message the live consumer would dead-letter is skipped), the same inbox
(each event id once per queue), the same projector. One transaction per batch; the
projections of a batch are gathered in memory and written at its end
(store/projection_batch.py)."""

from dataclasses import dataclass

import asyncpg
import structlog
from aio_pika.abc import AbstractIncomingMessage

from shared.bus.topology import consumer_queue_name

from ..adapters.event_stream import event_type_of, offset_of
from ..domain.incoming import CONSUMER, parse
from ..store import inbox
from ..store.projection_batch import BatchStore
from .projection import loads, project

log = structlog.get_logger("soho.dashboard.rebuild")


@dataclass
class ReplayCounts:
    read: int = 0
    applied: int = 0
    duplicates: int = 0
    skipped: int = 0  # types the dashboard does not consume, or malformed
    failed: int = 0
    last_offset: int = -1


class Applier:
    def __init__(self, conn: asyncpg.Connection):
        self.conn = conn  # its search_path is the fresh schema
        self.counts = ReplayCounts()

    async def apply(self, batch: list[AbstractIncomingMessage]) -> None:
        events = []
        for message in batch:
            self.counts.read += 1
            self.counts.last_offset = max(self.counts.last_offset, offset_of(message))
            event_type = event_type_of(message)
            event = parse(event_type, message.body)
            if event is None:
                self.counts.skipped += 1
            else:
                events.append((consumer_queue_name(CONSUMER, event_type), event))
        async with self.conn.transaction():
            claimed = await inbox.claim_many(self.conn, [q for q, _ in events],
                                             [e.id for _, e in events],
                                             [e.type for _, e in events])
            store, failed = BatchStore(self.conn), []
            await store.prefetch([w for _, event in events for w in loads(event)])
            for queue, event in events:
                if (queue, event.id) not in claimed:
                    self.counts.duplicates += 1
                    continue
                claimed.discard((queue, event.id))
                try:
                    await project(store, event)
                except (ValueError, TypeError, KeyError) as exc:  # as live would dead-letter it
                    log.warning("rebuild.event_failed", event_id=str(event.id), error=str(exc))
                    store.begin_event()
                    failed.append((queue, event.id))
                    continue
                store.end_event()
                self.counts.applied += 1
            await store.flush()
            if failed:
                self.counts.failed += len(failed)
                await inbox.unclaim_many(self.conn, [q for q, _ in failed],
                                         [i for _, i in failed])
