"""ASGI middleware: correlation id, request metrics, and the request body limit (413)."""

import json
import time

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.correlation import bind_correlation_id
from shared.metrics import HTTP_REQUESTS

CORRELATION_HEADER = b"x-correlation-id"


class BodyTooLarge(Exception):
    pass


class PlatformMiddleware:
    """Binds the correlation id (taken from `X-Correlation-ID` or made up) for logs and
    events, echoes it back, times the request, and refuses bodies over `max_body_bytes`."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        structlog.contextvars.clear_contextvars()
        incoming = headers.get(CORRELATION_HEADER, b"").decode("latin-1")[:64] or None
        correlation_id = bind_correlation_id(incoming)
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body_bytes):
            await _too_large(send, self.max_body_bytes)
            return

        received = 0
        response_started = False
        status = 500

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise BodyTooLarge()
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal response_started, status
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"],
                                      (CORRELATION_HEADER, correlation_id.encode())]
            await send(message)

        started = time.perf_counter()
        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not response_started:
                status = 413
                await _too_large(send, self.max_body_bytes)
        finally:
            route = scope.get("route")
            HTTP_REQUESTS.labels(
                method=scope["method"],
                route=getattr(route, "path", "unmatched"),
                status=str(status),
            ).observe(time.perf_counter() - started)


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps({"detail": f"request body larger than {limit} bytes"}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
