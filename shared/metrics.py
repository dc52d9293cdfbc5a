"""Prometheus metrics shared by every service (each process has its own registry)."""

from prometheus_client import Counter, Gauge, Histogram

HTTP_REQUESTS = Histogram(
    "soho_http_request_duration_seconds",
    "HTTP requests by route and status",
    ["method", "route", "status"],
)
EVENTS_CONSUMED = Counter(
    "soho_events_consumed_total",
    "Event deliveries by consumer queue and outcome (handled, duplicate, failed, malformed)",
    ["queue", "outcome"],
)
OUTBOX_PENDING = Gauge("soho_outbox_pending", "Outbox events not yet published")
OUTBOX_FAILING = Gauge("soho_outbox_failing", "Pending outbox events whose last attempt failed")
OUTBOX_OLDEST_SECONDS = Gauge("soho_outbox_oldest_pending_seconds",
                              "Age of the oldest event waiting in the outbox")
