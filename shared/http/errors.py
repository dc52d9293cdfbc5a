"""Error answers: never a bare 500 for something the caller or the weather caused."""

import json
from functools import cache

import structlog
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from shared.auth import refusal_before_validation
from shared.correlation import current_correlation_id
from shared.db import DATABASE_UNAVAILABLE, TRANSACTION_CONFLICT

log = structlog.get_logger("soho.http")

# The database is down, overloaded or in a conflict: the request may succeed later.
UNAVAILABLE = (*DATABASE_UNAVAILABLE, *TRANSACTION_CONFLICT)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        if (refusal := refusal_before_validation(request)) is not None:
            return JSONResponse({"detail": refusal.detail}, status_code=refusal.status_code,
                                headers=refusal.headers)
        # FastAPI's default 422 echoes the input as UTF-8; a lone surrogate ("\ud800" is
        # valid JSON) cannot be encoded and would turn the 422 into a 500. ASCII JSON keeps it
        # escaped. Same body shape as the default: {"detail": [{"loc", "msg", "type", ...}]}.
        body = json.dumps({"detail": jsonable_encoder(exc.errors())}, ensure_ascii=True)
        return Response(body, status_code=422, media_type="application/json")

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        # A browser asking for an address no route answers (a mistyped or stale link) gets
        # the 404 page in the platform's look; programs (no text/html) keep the JSON.
        if exc.status_code == 404 and _wants_a_page(request):
            from shared.web.access import not_found_page  # only when a person asks
            from shared.web.pages import page_principal

            return not_found_page(request, _shared_pages(), page_principal(request))
        return await http_exception_handler(request, exc)

    @app.exception_handler(UNAVAILABLE[0])
    async def _unavailable(request: Request, exc: Exception) -> JSONResponse:
        log.warning("http.dependency_unavailable", error=f"{type(exc).__name__}: {exc}")
        return JSONResponse({"detail": "temporarily unavailable, retry shortly"},
                            status_code=503, headers={"Retry-After": "2"})

    for exc_type in UNAVAILABLE[1:]:
        app.add_exception_handler(exc_type, _unavailable)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("http.unexpected_error", path=request.url.path)
        return JSONResponse({"detail": "internal error",
                             "correlation_id": current_correlation_id()}, status_code=500)


def _wants_a_page(request: Request) -> bool:
    return (request.method in ("GET", "HEAD") and "text/html" in request.headers.get("accept", "")
            and not request.url.path.startswith("/api/"))


@cache
def _shared_pages():
    """The shared templates alone (layout, message), built when a person first needs them."""
    from shared.web.pages import Pages

    return Pages()
