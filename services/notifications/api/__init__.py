"""The JSON API of the notifications service, one module per resource (staff)."""

from .committees import router as committees
from .notifications import router as notifications
from .templates import router as templates

ROUTERS = [notifications, committees, templates]
