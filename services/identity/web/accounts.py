"""/staff/accounts (staff admins only): the team's accounts, inviting a member, disabling
and enabling, making and unmaking admins; /staff/accounts/audit: the audit log. Behind the
front door, which checked the session and passed on who it is (X-Soho-Identity); the
admin right is checked again here against the database."""

import uuid
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from shared.auth import Principal
from shared.http.deps import DbPool, Settings
from shared.roles import Role
from shared.web.language import page_language
from shared.web.pages import page_principal
from shared.web.texts import LAYOUT

from ..domain.emails import normalised_email
from ..use_cases import staff
from ..use_cases.audit import audit_page
from ..use_cases.errors import AddressTaken, InvalidEmail, NotAllowed, UnknownAccount
from .rendering import client_address, form_body, read_form, render, texts
from .texts import ACTIONS

router = APIRouter(prefix="/staff/accounts", tags=["team accounts"])
PAGE = {"response_class": HTMLResponse, "responses": {
    303: {"description": "Not signed in: on to /sign-in"},
    403: {"description": "Not a staff admin"}}}
Action = Literal["disable", "enable", "grant-admin", "revoke-admin"]


def _gate(request: Request) -> tuple[Principal | None, HTMLResponse | RedirectResponse | None]:
    """The admin calling, or the answer for anyone else."""
    principal = page_principal(request)
    if principal is None:
        return None, RedirectResponse("/sign-in?next=" + quote(request.url.path, safe=""), 303)
    if principal.role is not Role.STAFF or not principal.admin or principal.account is None:
        return None, _forbidden(request)
    return principal, None


def _forbidden(request: Request) -> HTMLResponse:
    t = texts(request)
    return render(request, "message.html", status_code=403, title=t["forbidden_title"],
                  paragraphs=[t["forbidden"]])


async def _list_page(request: Request, pool, principal: Principal, *, status_code: int = 200,
                     errors=(), values: dict | None = None, notice: str | None = None):
    async with pool.acquire() as conn:
        await staff.acting_admin(conn, principal.account)
        team = await staff.staff_accounts(conn)
    return render(request, "accounts.html", status_code=status_code, team=team,
                  me=principal.account, errors=list(errors), values=values or {},
                  notice=notice)


@router.get("", summary="The team's accounts (admins)", **PAGE)
async def list_accounts(request: Request, pool: DbPool,
                        done: Annotated[str | None, Query(max_length=300)] = None):
    principal, refusal = _gate(request)
    if refusal:
        return refusal
    t = texts(request)
    notice = None
    if done == "1":
        notice = t["done_notice"]
    elif done and normalised_email(done):
        notice = t["invited_notice"].format(email=normalised_email(done))
    try:
        return await _list_page(request, pool, principal, notice=notice)
    except NotAllowed:
        return _forbidden(request)


@router.post("", summary="Invite a team member", openapi_extra=form_body("email", "name",
                                                                          "admin"), **PAGE)
async def invite(request: Request, pool: DbPool, settings: Settings):
    principal, refusal = _gate(request)
    if refusal:
        return refusal
    form = await read_form(request)
    t = texts(request)
    values = {"email": form.get("email", "").strip(), "name": form.get("name", "").strip(),
              "admin": form.get("admin") in ("on", "yes", "1", "true")}
    errors = []
    if not values["email"]:
        errors.append(("email", t["email_missing"]))
    elif normalised_email(values["email"]) is None:
        errors.append(("email", t["email_invalid"]))
    if len(values["name"]) > staff.MAX_NAME:
        errors.append(("name", t["name_too_long"]))
    try:
        if not errors:
            async with pool.acquire() as conn, conn.transaction():
                await staff.acting_admin(conn, principal.account)
                await staff.invite_staff(
                    conn, settings, email=values["email"], name=values["name"],
                    admin=values["admin"], locale=request.cookies.get("soho_lang", "fr"),
                    actor_id=principal.account, client=client_address(request),
                    invited_by=principal.name or "")
            email = normalised_email(values["email"])
            return RedirectResponse(f"/staff/accounts?done={quote(email)}", 303)
    except AddressTaken:
        errors.append(("email", t["address_taken"]))
    except InvalidEmail:
        errors.append(("email", t["email_invalid"]))
    except NotAllowed:
        return _forbidden(request)
    return await _list_page(request, pool, principal, status_code=422, errors=errors,
                            values=values)


@router.post("/{account_id}/{action}", summary="Disable, enable, make or unmake admin",
             openapi_extra=form_body(), **PAGE)
async def change_account(request: Request, account_id: uuid.UUID, action: Action,
                         pool: DbPool):
    principal, refusal = _gate(request)
    if refusal:
        return refusal
    client = client_address(request)
    try:
        async with pool.acquire() as conn, conn.transaction():
            if action in ("disable", "enable"):
                await staff.set_disabled(conn, actor_id=principal.account,
                                         account_id=account_id,
                                         disabled=action == "disable", client=client)
            else:
                await staff.set_admin(conn, actor_id=principal.account, account_id=account_id,
                                      admin=action == "grant-admin", client=client)
    except UnknownAccount:
        layout = LAYOUT[page_language(request)]
        return render(request, "message.html", status_code=404,
                      title=layout["not_found_title"], paragraphs=[layout["not_found"]],
                      link={"href": "/staff/accounts", "label": texts(request)["accounts_title"]})
    except NotAllowed:
        try:
            return await _list_page(request, pool, principal, status_code=403,
                                    errors=[("team", texts(request)["not_allowed_self"])])
        except NotAllowed:
            return _forbidden(request)
    return RedirectResponse("/staff/accounts?done=1", 303)


@router.get("/audit", summary="The audit log (admins), newest first", **PAGE)
async def audit_log(request: Request, pool: DbPool,
                    before: Annotated[int | None, Query(ge=1, le=2**62)] = None):
    principal, refusal = _gate(request)
    if refusal:
        return refusal
    async with pool.acquire() as conn:
        try:
            await staff.acting_admin(conn, principal.account)
        except NotAllowed:
            return _forbidden(request)
        rows, next_before = await audit_page(conn, before=before)
    return render(request, "audit.html", rows=rows, next_before=next_before, before=before,
                  actions=ACTIONS[page_language(request)])
