"""Transactional outbox: write the event with the change; a relay publishes it."""

from .relay import OutboxRelay
from .store import stage_event

__all__ = ["OutboxRelay", "stage_event"]
