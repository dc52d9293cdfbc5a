"""An outside program, as anyone may write one: a throw-away queue bound to `soho.events`
with `#`, reading every event with plain aio-pika."""

import json
from dataclasses import dataclass

import aio_pika
from aio_pika.abc import AbstractIncomingMessage

from shared.bus.topology import EVENTS_EXCHANGE

from .waiting import wait_for


@dataclass
class Received:
    routing_key: str
    body: dict
    message: AbstractIncomingMessage


class OutsideListener:
    def __init__(self, amqp_url: str, exchange: str = EVENTS_EXCHANGE, binding: str = "#"):
        self.amqp_url = amqp_url
        self.exchange = exchange
        self.binding = binding
        self.received: list[Received] = []

    async def __aenter__(self) -> "OutsideListener":
        self.connection = await aio_pika.connect_robust(self.amqp_url)
        channel = await self.connection.channel()
        exchange = await channel.declare_exchange(self.exchange, aio_pika.ExchangeType.TOPIC,
                                                  durable=True)
        queue = await channel.declare_queue(exclusive=True, auto_delete=True)
        await queue.bind(exchange, routing_key=self.binding)
        await queue.consume(self._on_message, no_ack=True)
        return self

    async def __aexit__(self, *exc) -> None:
        await self.connection.close()

    async def _on_message(self, message: AbstractIncomingMessage) -> None:
        self.received.append(Received(message.routing_key or "", json.loads(message.body),
                                      message))

    def with_ids(self, ids: set[str]) -> list[Received]:
        return [r for r in self.received if r.body.get("id") in ids]

    async def wait_for_ids(self, ids: set[str], timeout: float = 15.0) -> list[Received]:
        await wait_for(lambda: {r.body["id"] for r in self.with_ids(ids)} >= ids,
                       timeout=timeout, message=f"events {sorted(ids)[:3]}...")
        return self.with_ids(ids)
