"""HTML pages of the notifications service: the unsubscribe page (public) and the staff's
pages under /staff/deliveries (the log and one message, a person's messages, the message
templates) and a committee's own channels under /committees/notifications. The routers with fixed paths come before /staff/deliveries/{notification_id}."""

from .committee_channels import router as committee_channels
from .deliveries import router as deliveries
from .delivery_templates import router as delivery_templates
from .prospect_deliveries import router as prospect_deliveries
from .unsubscribe import router as unsubscribe

ROUTERS = [unsubscribe, committee_channels, delivery_templates, prospect_deliveries, deliveries]
