"""An outside listener that survives the broker's outage: a durable quorum queue of its
own, bound to `soho.events` with `#`, declared before the load starts, read with manual
acknowledgements (acknowledged after recording). Every copy of every event is kept, so
redeliveries (the same id again) are counted, not hidden."""

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import aio_pika
from aio_pika.abc import AbstractIncomingMessage

from shared.bus.topology import EVENTS_EXCHANGE

QUEUE = "soho-faults.every-event"


def event_key(event: dict) -> str:
    """What an event is about, so that one accepted request maps to one key: the contact,
    prospect, member or booking; for notifications, the message (answered event, channel,
    recipient, template)."""
    data = event.get("data") or {}
    match event.get("type"):
        case "contact.received":
            return str(data.get("contact_id"))
        case "prospect.qualified" | "prospect.erased":
            return str(data.get("prospect_id"))
        case "solo.installed":
            return str(data.get("member_id"))
        case "desk.booked" | "booking.cancelled":
            return str(data.get("booking_id"))
        case "notification.sent" | "notification.failed":
            return "|".join(str(data.get(k)) for k in ("event_id", "channel", "recipient",
                                                       "template"))
        case _:
            return str(event.get("subject"))


@dataclass
class EventLog:
    amqp_url: str
    copies: Counter = field(default_factory=Counter)  # event id -> copies received
    # Copies the broker redelivered to this listener (its own connection lost before the
    # ack): not the platform's doing, told apart from copies a relay published again.
    listener_redeliveries: int = 0
    events: dict[str, dict] = field(default_factory=dict)  # event id -> the event
    # (type, key) -> distinct event ids
    by_key: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))

    async def __aenter__(self) -> "EventLog":
        self.connection = await aio_pika.connect_robust(self.amqp_url, timeout=10)
        channel = await self.connection.channel()
        await channel.set_qos(prefetch_count=500)
        exchange = await channel.declare_exchange(EVENTS_EXCHANGE, aio_pika.ExchangeType.TOPIC,
                                                  durable=True)
        queue = await channel.declare_queue(QUEUE, durable=True,
                                            arguments={"x-queue-type": "quorum"})
        await queue.bind(exchange, routing_key="#")
        await queue.consume(self._on_message)
        return self

    async def __aexit__(self, *exc) -> None:
        await self.connection.close()

    async def _on_message(self, message: AbstractIncomingMessage) -> None:
        event = json.loads(message.body)
        event_id = str(event["id"])
        if message.redelivered and event_id in self.copies:
            self.listener_redeliveries += 1
            await message.ack()
            return
        self.copies[event_id] += 1
        self.events[event_id] = event
        self.by_key[(event["type"], event_key(event))].add(event_id)
        await message.ack()

    # What was seen.
    def types(self) -> Counter:
        return Counter(event["type"] for event in self.events.values())

    def republished(self) -> Counter:
        """Per type, copies published again with the same id (a relay that died between
        the broker's confirm and marking the row sent), beyond the first of each id."""
        extra: Counter = Counter()
        for event_id, copies in self.copies.items():
            if copies > 1:
                extra[self.events[event_id]["type"]] += copies - 1
        return extra

    def keys(self, event_type: str) -> set[str]:
        return {key for (kind, key) in self.by_key if kind == event_type}

    def duplicated(self) -> dict[tuple[str, str], set[str]]:
        """Keys with more than one distinct event id: the same thing published twice."""
        return {k: ids for k, ids in self.by_key.items() if len(ids) > 1}
