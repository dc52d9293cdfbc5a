"""The sign-in page: a password form (staff) and a form asking for an emailed sign-in link
(solos and committees); the page an emailed link opens (one button: a GET never uses the
link, since mail scanners open every link); the forgotten-password form."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from shared.http.deps import DbPool, Settings
from shared.web.menus import home_of

from ..domain.areas import required_role, safe_next
from ..domain.emails import normalised_email
from ..use_cases import requests, sign_in
from ..use_cases.errors import LinkNotUsable, TooManyAttempts, WrongCredentials
from ..use_cases.links import usable_link
from ..use_cases.sessions import COOKIE, check_session
from ..domain.link_tokens import Purpose
from .rendering import (client_address, form_body, read_form, render, signed_in_redirect,
                        texts, too_many_message)

router = APIRouter(tags=["sign-in"])
Token = Annotated[str, Path(max_length=200)]
Next = Annotated[str | None, Query(max_length=2000, description="where to go once signed in")]
PAGE = {"response_class": HTMLResponse}


def sign_in_page(request: Request, *, status_code: int = 200, errors=(), email: str = "",
                 next_uri: str | None = None, notice: str | None = None,
                 headers: dict[str, str] | None = None, link_email: str = "",
                 link_errors=()) -> HTMLResponse:
    return render(request, "sign_in.html", status_code=status_code, headers=headers,
                  errors=list(errors) + list(link_errors), password_errors=dict(errors),
                  link_errors=dict(link_errors), email=email, link_email=link_email,
                  next=safe_next(next_uri) or "", notice=notice, show_sign_in=False)


@router.get("/sign-in", summary="The sign-in page", **PAGE)
async def show_sign_in(request: Request, pool: DbPool, next: Next = None,
                       signed_out: Annotated[int | None, Query(le=1, ge=0)] = None):
    """Someone already signed in goes on to `next` (or their home) rather than seeing the
    form again, unless `next` is another role's area: then the form, to change account."""
    async with pool.acquire() as conn:
        who = await check_session(conn, request.cookies.get(COOKIE))
    if who is not None:
        wanted = safe_next(next)
        needed = required_role(wanted) if wanted else None
        if wanted is None or needed in (None, who.role):
            return RedirectResponse(wanted if wanted and needed else home_of(who.role),
                                    status_code=303, headers={"Cache-Control": "no-store"})
    notice = texts(request)["signed_out"] if signed_out else None
    return sign_in_page(request, next_uri=next, notice=notice)


@router.post("/sign-in", summary="Sign in with a password", openapi_extra=form_body(
    "email", "password", "next"), responses={
        303: {"description": "Signed in: on to `next` or the role's home"},
        401: {"description": "Wrong address or password (the page again)"},
        422: {"description": "A field left empty (the page again)"},
        429: {"description": "Too many attempts, or the account is slowed"}}, **PAGE)
async def post_sign_in(request: Request, pool: DbPool, settings: Settings):
    form = await read_form(request)
    t = texts(request)
    email, password, next_uri = form.get("email", "").strip(), form.get("password", ""), \
        form.get("next")
    errors = []
    if not email:
        errors.append(("email", t["email_missing"]))
    if not password:
        errors.append(("password", t["password_missing"]))
    if errors:
        return sign_in_page(request, status_code=422, errors=errors, email=email,
                            next_uri=next_uri)
    try:
        opened, role = await sign_in.sign_in_with_password(
            pool, settings, email=email, password=password, client=client_address(request))
    except WrongCredentials:
        return sign_in_page(request, status_code=401, email=email, next_uri=next_uri,
                            errors=[("email", t["wrong_credentials"])])
    except TooManyAttempts as refusal:
        return sign_in_page(request, status_code=429, email=email, next_uri=next_uri,
                            errors=[("email", too_many_message(request, refusal))],
                            headers={"Retry-After": str(refusal.retry_after)})
    return signed_in_redirect(settings, opened, safe_next(next_uri) or home_of(role))


@router.post("/sign-in/link", summary="Ask for a sign-in link by email",
             openapi_extra=form_body("email", "next"), responses={
                 422: {"description": "No address, or not an address (the page again)"},
                 429: {"description": "Too many requests for this address or client"}},
             **PAGE)
async def request_link(request: Request, pool: DbPool, settings: Settings):
    form = await read_form(request)
    t = texts(request)
    typed = form.get("email", "").strip()
    email = normalised_email(typed)
    next_uri = safe_next(form.get("next"))
    if email is None:
        problem = t["email_missing"] if not typed else t["email_invalid"]
        return sign_in_page(request, status_code=422, link_email=typed, next_uri=next_uri,
                            link_errors=[("link-email", problem)])
    try:
        await requests.request_sign_in_link(pool, settings, email=email,
                                            client=client_address(request), next_uri=next_uri)
    except TooManyAttempts as refusal:
        return sign_in_page(request, status_code=429, link_email=typed, next_uri=next_uri,
                            link_errors=[("link-email", too_many_message(request, refusal))],
                            headers={"Retry-After": str(refusal.retry_after)})
    return render(request, "sent.html", title=t["link_sent_title"],
                  message=t["link_sent"].format(email=email), hint=t["link_sent_hint"])


def dead_link_page(request: Request) -> HTMLResponse:
    return render(request, "dead_link.html", status_code=410)


@router.get("/sign-in/link/{token}", summary="The page an emailed sign-in link opens",
            responses={410: {"description": "Used, expired or unknown link"}}, **PAGE)
async def show_link(request: Request, token: Token, pool: DbPool, next: Next = None):
    """Uses nothing: a mail scanner opening the link leaves it as it was. The button's form
    carries `next` (the page the person asked for) on to the POST."""
    async with pool.acquire() as conn:
        link = await usable_link(conn, token, (Purpose.SIGN_IN,))
    if link is None:
        return dead_link_page(request)
    return render(request, "use_link.html", action=f"/sign-in/link/{token}",
                  next=safe_next(next) or "", show_sign_in=False)


@router.post("/sign-in/link/{token}", summary="Sign in with an emailed link (once)",
             openapi_extra=form_body("next"), responses={
                 303: {"description": "Signed in: on to `next` when it is in the person's "
                                      "area, else the role's home"},
                 410: {"description": "Used, expired or unknown link"}}, **PAGE)
async def use_link(request: Request, token: Token, pool: DbPool, settings: Settings):
    wanted = safe_next((await read_form(request)).get("next"))
    try:
        opened, role = await sign_in.sign_in_with_link(pool, settings, token=token,
                                                       client=client_address(request))
    except LinkNotUsable:
        return dead_link_page(request)
    in_their_area = wanted is not None and required_role(wanted) == role
    return signed_in_redirect(settings, opened, wanted if in_their_area else home_of(role))


@router.get("/sign-in/forgot", summary="The forgotten-password form", **PAGE)
async def show_forgot(request: Request):
    return render(request, "forgot.html")


@router.post("/sign-in/forgot", summary="Ask for a password reset link by email",
             openapi_extra=form_body("email"), responses={
                 422: {"description": "No address, or not an address (the form again)"},
                 429: {"description": "Too many requests for this address or client"}},
             **PAGE)
async def request_reset(request: Request, pool: DbPool, settings: Settings):
    form = await read_form(request)
    t = texts(request)
    typed = form.get("email", "").strip()
    email = normalised_email(typed)
    if email is None:
        problem = t["email_missing"] if not typed else t["email_invalid"]
        return render(request, "forgot.html", status_code=422, email=typed,
                      errors=[("email", problem)])
    try:
        await requests.request_password_reset(pool, settings, email=email,
                                              client=client_address(request))
    except TooManyAttempts as refusal:
        return render(request, "forgot.html", status_code=429, email=typed,
                      errors=[("email", too_many_message(request, refusal))],
                      headers={"Retry-After": str(refusal.retry_after)})
    return render(request, "sent.html", title=t["forgot_sent_title"],
                  message=t["forgot_sent"].format(email=email), hint=t["link_sent_hint"])
