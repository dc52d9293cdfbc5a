import uuid

from .envelope import EventData


class NotificationSent(EventData):
    """A message left the platform (email accepted by SMTP, webhook answered 2xx)."""

    event_type = "notification.sent"
    personal = frozenset({"recipient"})

    notification_id: uuid.UUID
    event_id: uuid.UUID
    channel: str
    recipient: str
    template: str
