"""HTML pages of the notifications service: the unsubscribe page (public)."""

from .unsubscribe import router as unsubscribe

ROUTERS = [unsubscribe]
