"""The page an invitation or reset link opens: a form to choose a password. The GET uses
nothing; the POST uses the link only once the password is acceptable."""

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse

from shared.http.deps import DbPool, Settings
from shared.web.language import page_language
from shared.web.menus import home_of
from shared.roles import Role

from ..use_cases.errors import LinkNotUsable, PasswordRejected
from ..use_cases.passwords import password_link, set_password_with_link
from .rendering import client_address, form_body, read_form, render, signed_in_redirect

router = APIRouter(tags=["passwords"])
Token = Annotated[str, Path(max_length=200)]
PAGE = {"response_class": HTMLResponse}


def _dead(request: Request) -> HTMLResponse:
    return render(request, "dead_password_link.html", status_code=410)


@router.get("/password/{token}", summary="Choose a password (invitation or reset link)",
            responses={410: {"description": "Used, expired or unknown link"}}, **PAGE)
async def show_password_form(request: Request, token: Token, pool: DbPool):
    async with pool.acquire() as conn:
        link = await password_link(conn, token)
    if link is None or link["role"] != Role.STAFF:
        return _dead(request)
    return render(request, "password.html", email=link["email"], action=f"/password/{token}",
                  show_sign_in=False)


@router.post("/password/{token}", summary="Set the password and sign in",
             openapi_extra=form_body("password", "password_again"), responses={
                 303: {"description": "Password set, signed in: on to /staff/"},
                 410: {"description": "Used, expired or unknown link"},
                 422: {"description": "The password does not do (the form again)"}}, **PAGE)
async def set_password(request: Request, token: Token, pool: DbPool, settings: Settings):
    form = await read_form(request)
    try:
        opened = await set_password_with_link(
            pool, settings, token=token, password=form.get("password", ""),
            password_again=form.get("password_again", ""), client=client_address(request))
    except LinkNotUsable:
        return _dead(request)
    except PasswordRejected as rejected:
        async with pool.acquire() as conn:
            link = await password_link(conn, token)
        lang = page_language(request)
        field = "password_again" if rejected.problems[0].code == "mismatch" else "password"
        return render(request, "password.html", status_code=422,
                      email=link["email"] if link else "", action=f"/password/{token}",
                      errors=[(field, p.message(lang)) for p in rejected.problems],
                      show_sign_in=False)
    return signed_in_redirect(settings, opened, home_of(Role.STAFF))
