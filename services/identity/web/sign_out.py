"""Signing out: this session, or every session of the account. The row goes at once, so
the next request anywhere behind the front door is a visitor's."""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from shared.http.deps import DbPool, Settings

from ..use_cases.sessions import COOKIE, end_every_session, end_session
from .rendering import clear_session_cookie, client_address, form_body

router = APIRouter(tags=["sign-in"])
SIGNED_OUT = "/sign-in?signed_out=1"
ANSWERS = {303: {"description": "Signed out: on to the sign-in page"}}


def _signed_out(settings) -> RedirectResponse:
    response = RedirectResponse(SIGNED_OUT, status_code=303,
                                headers={"Cache-Control": "no-store",
                                         "Clear-Site-Data": '"cache"'})
    clear_session_cookie(settings, response)
    return response


@router.post("/sign-out", summary="Sign out (this browser)", openapi_extra=form_body(),
             responses=ANSWERS, status_code=303)
async def sign_out(request: Request, pool: DbPool, settings: Settings) -> RedirectResponse:
    async with pool.acquire() as conn, conn.transaction():
        await end_session(conn, request.cookies.get(COOKIE), client=client_address(request))
    return _signed_out(settings)


@router.post("/sign-out/everywhere", summary="Sign out everywhere (every browser)",
             openapi_extra=form_body(), responses=ANSWERS, status_code=303)
async def sign_out_everywhere(request: Request, pool: DbPool,
                              settings: Settings) -> RedirectResponse:
    async with pool.acquire() as conn, conn.transaction():
        await end_every_session(conn, request.cookies.get(COOKIE),
                                client=client_address(request))
    return _signed_out(settings)
