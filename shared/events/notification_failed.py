from .notification_sent import NotificationSent


class NotificationFailed(NotificationSent):
    """A message could not be delivered after its retries, or failed permanently."""

    event_type = "notification.failed"
    personal = NotificationSent.personal | {"error"}  # a server's refusal names the address

    error: str
