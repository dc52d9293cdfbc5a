"""A test-only event type, so tests never collide with the platform's own consumers."""

import uuid

from shared.events import EventData, new_event


class Pinged(EventData):
    event_type = "test.pinged"

    n: int
    poison: bool = False


def ping(n: int, poison: bool = False, source: str = "/soho/tests"):
    return new_event(Pinged(n=n, poison=poison), source=source, subject=str(uuid.uuid4()))
