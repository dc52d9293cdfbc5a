"""HTTP routes of the notifications service, one module per resource."""

from .committees import router as committees
from .notifications import router as notifications
from .templates import router as templates
from .unsubscribe import router as unsubscribe

ROUTERS = [notifications, committees, templates, unsubscribe]
