"""`soho dashboard rebuild`: replay the stream soho.events.log from its first message into
fresh projections, then swap them in. Stops reading when it has reached the stream's last
offset at start (or when no message came for `idle_seconds`), then swaps; if the live
consumers handled an event the replay has not reached yet, it reads on and tries again."""

import contextlib

import structlog

from shared.db import connect

from ..adapters import event_stream
from ..adapters.event_stream import StreamReader, last_offset
from ..domain.incoming import CONSUMER
from ..store.rebuild import drop_fresh_schema, prepare_fresh_schema, try_lock_rebuild, try_swap
from .errors import RebuildIncomplete, RebuildRunning
from .replay import Applier, ReplayCounts

log = structlog.get_logger("soho.dashboard.rebuild")
BATCH = 500
CATCH_UP_BATCHES = 20


async def rebuild(database_url: str, amqp_url: str, *, schema: str = CONSUMER,
                  idle_seconds: float = 5.0, accept_missing: bool = False) -> ReplayCounts:
    """Replay the stream into fresh projections and swap them in. `accept_missing` swaps
    even when events the live consumers handled are not in the stream (it was truncated):
    what they counted is then lost from the figures."""
    fresh = f"{schema}_rebuild"
    conn = await connect(database_url)
    try:
        if not await try_lock_rebuild(conn):
            raise RebuildRunning("another rebuild is running")
        await prepare_fresh_schema(conn, schema, fresh)
        connection = await event_stream.connect(amqp_url)
        try:
            applier = Applier(conn)
            await _replay(connection, applier, schema, fresh, idle_seconds, accept_missing)
            return applier.counts
        except BaseException:
            with contextlib.suppress(Exception):  # the live figures stay as they were
                await drop_fresh_schema(conn, fresh)
            raise
        finally:
            await connection.close()
    finally:
        await conn.close()  # also releases the advisory lock


async def _replay(connection, applier: Applier, live: str, fresh: str, idle_seconds: float,
                  accept_missing: bool) -> None:
    target = await last_offset(connection)
    reader = StreamReader(connection)
    await reader.start()
    while target is not None and applier.counts.last_offset < target:
        if not await _apply_next(reader, applier, idle_seconds):
            log.warning("rebuild.stream_idle_before_its_end", target=target,
                        reached=applier.counts.last_offset)
            break
    log.info("rebuild.caught_up", offset=applier.counts.last_offset, read=applier.counts.read)
    while missing := await try_swap(applier.conn, live, fresh, CONSUMER):
        log.info("rebuild.reading_on", handled_live_not_replayed=missing)
        if await _apply_next(reader, applier, idle_seconds):
            for _ in range(CATCH_UP_BATCHES):  # what else has come meanwhile, within reason
                if not await _apply_next(reader, applier, 0.2):
                    break
            continue
        if not accept_missing:
            raise RebuildIncomplete(
                f"{missing} event(s) handled live are not in the stream {idle_seconds}s later "
                "(was it truncated?); the live figures were kept (--accept-missing swaps "
                "anyway)")
        log.warning("rebuild.swapping_without", handled_live_not_in_stream=missing)
        await try_swap(applier.conn, live, fresh, CONSUMER, accept_missing=True)
        break
    await reader.close()


async def _apply_next(reader: StreamReader, applier: Applier, wait: float) -> bool:
    batch = await reader.next_batch(BATCH, wait)
    if not batch:
        return False
    await applier.apply(batch)
    await reader.done_with(batch)
    return True
