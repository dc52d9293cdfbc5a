"""Every service of the platform, in the contract's port order."""

import importlib

from faststream.rabbit import RabbitBroker

from shared.bus.consumer import EventConsumers
from shared.service import ServiceDefinition

SERVICE_NAMES = ("dashboard", "prospects", "onboarding", "bookings", "notifications")


def load(name: str) -> ServiceDefinition:
    if name not in SERVICE_NAMES:
        raise KeyError(f"unknown service {name!r}; one of: {', '.join(SERVICE_NAMES)}")
    return importlib.import_module(f"services.{name}.app").SERVICE


def all_services() -> list[ServiceDefinition]:
    return [load(name) for name in SERVICE_NAMES]


def consumer_queues() -> list[str]:
    """The durable queues of every platform consumer (declaring nothing)."""
    queues: list[str] = []
    for definition in all_services():
        if definition.subscribe is not None:
            consumers = EventConsumers(RabbitBroker(), definition.name, lambda: None)
            definition.subscribe(consumers)
            queues.extend(consumers.queues)
    return queues
