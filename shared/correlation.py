"""The id that ties a request to every event and log line it causes, across services."""

import uuid
from contextvars import ContextVar

import structlog

_current: ContextVar[str | None] = ContextVar("correlation_id", default=None)


def current_correlation_id() -> str | None:
    return _current.get()


def bind_correlation_id(value: str | None) -> str:
    """Set the id for this task (a new one if none came in) and put it on every log line."""
    value = value or uuid.uuid4().hex
    _current.set(value)
    structlog.contextvars.bind_contextvars(correlation_id=value)
    return value
