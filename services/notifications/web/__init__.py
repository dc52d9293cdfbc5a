"""HTML pages of the notifications service: the unsubscribe page (public) and the staff's
pages under /staff/deliveries (the log and one message, a person's messages, the message
templates). The routers with fixed paths come before /staff/deliveries/{notification_id}."""

from .deliveries import router as deliveries
from .delivery_templates import router as delivery_templates
from .prospect_deliveries import router as prospect_deliveries
from .unsubscribe import router as unsubscribe

ROUTERS = [unsubscribe, delivery_templates, prospect_deliveries, deliveries]
