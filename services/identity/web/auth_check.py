"""Forward auth: the front door asks `GET /auth/check` about every request to a person's
page (/staff, /members, /committees) and passes our short-lived token on to the service
that owns the page (Caddy's forward_auth; nginx ingress's auth-url the same)."""

from datetime import timedelta
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import Response

from shared.auth import FORWARDED_IDENTITY, decode_token, issue_token
from shared.http.deps import DbPool, Settings
from shared.web.texts import LAYOUT
from shared.web.language import other_language, page_language
from shared.web.menus import home_of

from ..domain.areas import is_page_request, required_role, safe_next
from ..use_cases.sessions import COOKIE, SignedIn, check_session
from .rendering import render

router = APIRouter(tags=["forward auth"])
TOKEN_TTL = timedelta(minutes=5)


def asked_by_nginx(request: Request) -> bool:
    """ingress-nginx's auth-url sends X-Original-URI; it turns any answer but 2xx, 401 and
    403 into a 500, and redirects a 401 to /sign-in itself (its auth-signin annotation)."""
    return "x-forwarded-uri" not in request.headers and "x-original-uri" in request.headers


def original_request(request: Request) -> tuple[str, str]:
    """The method and URI of the request the front door is asking about."""
    headers = request.headers
    uri = headers.get("x-forwarded-uri") or headers.get("x-original-uri") or "/"
    method = headers.get("x-forwarded-method") or headers.get("x-original-method") or "GET"
    return method, uri


def _switch(uri: str, lang: str) -> str:
    """The refused page's address in the other language (this page answers for it)."""
    parts = urlsplit(uri)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "lang"]
    query.append(("lang", other_language(lang)))
    return (safe_next(parts.path) or "/") + "?" + urlencode(query)


def identity_token(secret: str, who: SignedIn) -> str:
    return issue_token(secret, who.role, sub=str(who.account_id), village=who.village,
                       member=who.member_id, ttl=TOKEN_TTL, name=who.name or who.email,
                       admin=who.admin, account=who.account_id)


@router.get("/auth/check", summary="Forward auth: is this session allowed there?",
            responses={200: {"description": f"Allowed: the token is in {FORWARDED_IDENTITY}"},
                       303: {"description": "No session, a page: on to /sign-in?next=..."},
                       401: {"description": "No session, not a page (a form, an API)"},
                       403: {"description": "Signed in, but not for this area"}})
async def auth_check(request: Request, pool: DbPool, settings: Settings) -> Response:
    method, uri = original_request(request)
    async with pool.acquire() as conn:
        who = await check_session(conn, request.cookies.get(COOKIE))
    no_store = {"Cache-Control": "no-store"}
    if who is None:
        if is_page_request(method, uri) and not asked_by_nginx(request):
            target = "/sign-in"
            if (back := safe_next(uri)) is not None:
                target += "?next=" + quote(back, safe="")
            return Response(status_code=303, headers={"Location": target, **no_store})
        return Response(status_code=401, headers=no_store)
    needed = required_role(uri)
    if needed is not None and who.role is not needed:
        lang = page_language(request)
        layout = LAYOUT[lang]
        principal = decode_token(settings.secret, identity_token(settings.secret, who))
        return render(request, "message.html", status_code=403, headers=no_store,
                      principal=principal, title=layout["forbidden_title"],
                      paragraphs=[layout["forbidden"]], switch_url=_switch(uri, lang),
                      link={"href": home_of(who.role), "label": layout["back_home"]})
    return Response(status_code=200, headers={
        FORWARDED_IDENTITY: identity_token(settings.secret, who), **no_store})
