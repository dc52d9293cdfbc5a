"""Every event on the bus, as it comes, for the live feed of one dashboard process: a
throw-away queue of its own (exclusive, auto-delete: it vanishes with the connection, and
nothing piles up when nobody watches) bound to `soho.events` with `#`."""

import asyncio
from collections.abc import Callable

import aio_pika
import structlog

from shared.bus import topology

from ..domain.live_events import READY, WAITING, LiveEvent, live_event

log = structlog.get_logger("soho.dashboard.live")
QUEUE_MAX_LENGTH = 10_000


async def receive(amqp_url: str, deliver: Callable[[LiveEvent], None],
                  set_state: Callable[[str], None]) -> None:
    """Hands each event to `deliver` until cancelled; tells `set_state` READY while the queue
    is bound, WAITING while the broker is away (and tries again, backing off)."""
    delay = 0.5
    while True:
        try:
            connection = await aio_pika.connect(amqp_url, timeout=5)
            async with connection:
                channel = await connection.channel()
                exchange = await topology.declare_core(channel)
                queue = await channel.declare_queue(
                    exclusive=True, auto_delete=True,
                    arguments={"x-max-length": QUEUE_MAX_LENGTH})
                await queue.bind(exchange, routing_key="#")
                set_state(READY)
                delay = 0.5
                async with queue.iterator(no_ack=True) as messages:
                    async for message in messages:
                        event = live_event(message.routing_key or "", message.body)
                        if event is not None:
                            deliver(event)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # broker away: say so, and try again
            log.warning("live_feed.unavailable", error=f"{type(exc).__name__}: {exc}")
        set_state(WAITING)
        await asyncio.sleep(delay)
        delay = min(delay * 2, 10)
