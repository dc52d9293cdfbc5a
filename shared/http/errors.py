"""Error answers: never a bare 500 for something the caller or the weather caused."""

import asyncpg
import structlog
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from shared.correlation import current_correlation_id

log = structlog.get_logger("soho.http")

# The database is down or overloaded: the request may succeed later.
UNAVAILABLE = (OSError, TimeoutError, asyncpg.InterfaceError, asyncpg.CannotConnectNowError,
               asyncpg.TooManyConnectionsError, asyncpg.ConnectionDoesNotExistError)


def install_error_handlers(app: FastAPI) -> None:
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
