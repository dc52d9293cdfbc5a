"""Every service of the platform, in the contract's port order.

Importing this module imports no service: `load` imports one when asked, so a process
that runs one service (`soho serve X`) or none (`soho relay X`, `soho smtp-sink`) carries
only what it uses."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shared.service import ServiceDefinition

SERVICE_NAMES = ("dashboard", "prospects", "onboarding", "bookings", "notifications",
                 "identity")


def load(name: str) -> ServiceDefinition:
    if name not in SERVICE_NAMES:
        raise KeyError(f"unknown service {name!r}; one of: {', '.join(SERVICE_NAMES)}")
    return importlib.import_module(f"services.{name}.app").SERVICE


def all_services() -> list[ServiceDefinition]:
    return [load(name) for name in SERVICE_NAMES]


def relayed_services() -> list[str]:
    """The services that publish events, each with an outbox relay to run; one that
    publishes nothing (the dashboard) has nothing in its outbox and no relay."""
    return [definition.name for definition in all_services() if definition.publishes]


def consumer_queues() -> list[str]:
    """The durable queues of every platform consumer (declaring nothing)."""
    from shared.bus.topology import consumer_queue_name
    from soho.bus import consumers_of

    return [consumer_queue_name(consumer, event_type) for definition in all_services()
            for consumer, event_type in consumers_of(definition)]
