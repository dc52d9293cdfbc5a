"""Prometheus metrics shared by every service (each process has its own registry)."""

from prometheus_client import Counter, Histogram

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
