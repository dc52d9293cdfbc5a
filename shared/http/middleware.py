"""ASGI middleware: correlation id, request metrics, and the request body limit (413)."""

import json
import time
from collections.abc import Callable

import structlog
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.correlation import bind_correlation_id
from shared.metrics import HTTP_REQUESTS

CORRELATION_HEADER = b"x-correlation-id"
# A service's own answer to a body over the limit (a page in the person's language), or
# None for the JSON answer.
TooLargePage = Callable[[Scope], Response | None]


class BodyTooLarge(HTTPException):
    """Raised from `receive` once a streamed body passes the limit. An HTTPException, so that
    FastAPI, reading a JSON body, lets it through as the 413 instead of answering 400."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body larger than {limit} bytes")


class PlatformMiddleware:
    """Binds the correlation id (taken from `X-Correlation-ID` or made up) for logs and
    events, echoes it back, times the request, and refuses bodies over `max_body_bytes`."""

    def __init__(self, app: ASGIApp, max_body_bytes: int,
                 too_large_page: TooLargePage | None = None) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.too_large_page = too_large_page

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
            await self._refuse(scope, receive, send)
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
                    raise BodyTooLarge(self.max_body_bytes)
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
                await self._refuse(scope, receive, send)
        finally:
            route = scope.get("route")
            HTTP_REQUESTS.labels(
                method=scope["method"],
                route=getattr(route, "path", "unmatched"),
                status=str(status),
            ).observe(time.perf_counter() - started)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        page = self.too_large_page(scope) if self.too_large_page else None
        if page is None:
            await _too_large(send, self.max_body_bytes)
        else:
            await page(scope, receive, send)


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps({"detail": f"request body larger than {limit} bytes"}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
