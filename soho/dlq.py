"""Dead-letter queues: look at what failed, and send it back to its consumer once fixed."""

from dataclasses import dataclass

import aio_pika
from aio_pika.abc import AbstractChannel, AbstractIncomingMessage
from aiormq.exceptions import ChannelNotFoundEntity

from shared.bus.topology import dead_letter_queue_name

PEEK_LIMIT = 20


@dataclass
class DeadLetter:
    message_id: str | None
    event_type: str | None
    reason: str
    deaths: int


@dataclass
class DeadLetterQueue:
    name: str
    source_queue: str
    count: int
    messages: list[DeadLetter]


def source_queue_of(name: str) -> str:
    return name[: -len(".dlq")] if name.endswith(".dlq") else name


def _describe(message: AbstractIncomingMessage) -> DeadLetter:
    deaths = (message.headers or {}).get("x-death") or []
    first = deaths[0] if deaths else {}
    reason = first.get("reason", "unknown")
    if isinstance(reason, bytes):
        reason = reason.decode()
    return DeadLetter(message.message_id, message.type, str(reason),
                      int(sum(int(d.get("count", 1)) for d in deaths)))


async def _count(channel: AbstractChannel, dlq: str) -> int | None:
    try:
        queue = await channel.declare_queue(dlq, passive=True)
    except ChannelNotFoundEntity:
        return None
    return queue.declaration_result.message_count


async def list_dead_letters(amqp_url: str, queues: list[str]) -> list[DeadLetterQueue]:
    """Counts, and a peek at the first messages (they stay in the queue)."""
    found: list[DeadLetterQueue] = []
    connection = await aio_pika.connect(amqp_url, timeout=10)
    async with connection:
        for queue in queues:
            dlq = dead_letter_queue_name(source_queue_of(queue))
            channel = await connection.channel()
            count = await _count(channel, dlq)
            if count is None:
                channel = await connection.channel()  # a failed passive declare closes it
                continue
            peeked = []
            if count:
                q = await channel.get_queue(dlq, ensure=False)
                for _ in range(min(count, PEEK_LIMIT)):
                    message = await q.get(no_ack=False, fail=False)
                    if message is None:
                        break
                    peeked.append(_describe(message))
            await channel.close()  # unacknowledged peeks go back where they were
            found.append(DeadLetterQueue(dlq, source_queue_of(queue), count, peeked))
    return found


async def replay(amqp_url: str, queue: str) -> int:
    """Move every message now in `<queue>.dlq` back into `<queue>` (only that consumer sees
    it again), publisher-confirmed before each is removed from the dead-letter queue."""
    source = source_queue_of(queue)
    dlq = dead_letter_queue_name(source)
    connection = await aio_pika.connect(amqp_url, timeout=10)
    moved = 0
    async with connection:
        channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
        count = await _count(channel, dlq)
        if count is None:
            raise LookupError(f"no dead-letter queue {dlq!r}")
        await channel.declare_queue(source, passive=True)
        dead = await channel.get_queue(dlq, ensure=False)
        for _ in range(count):  # only what was there when we started: no endless loop
            message = await dead.get(no_ack=False, fail=False)
            if message is None:
                break
            headers = {k: v for k, v in (message.headers or {}).items()
                       if not k.startswith("x-")}
            headers["x-replayed-from"] = dlq
            await channel.default_exchange.publish(
                aio_pika.Message(
                    body=message.body, headers=headers, content_type=message.content_type,
                    delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
                    message_id=message.message_id, type=message.type,
                    correlation_id=message.correlation_id, timestamp=message.timestamp,
                    app_id=message.app_id,
                ),
                routing_key=source, mandatory=True,
            )
            await message.ack()
            moved += 1
    return moved
