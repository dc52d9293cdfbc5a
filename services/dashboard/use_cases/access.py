"""Who may read the dashboard: staff, with a bearer token (API clients) or the HttpOnly
cookie the sign-in form sets (the page, its fetches and its event stream). No token or a
bad one: 401; a committee or solo token: 403. The JSON API and the page both check it."""

import datetime
from typing import Annotated

import jwt
from fastapi import Depends, HTTPException, Request, Response, status
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer

from shared.auth import InvalidToken, Principal, Role, decode_token

from .errors import NotStaff

COOKIE = "soho_staff"
_bearer = HTTPBearer(auto_error=False, description="A staff token printed by `soho token`")
_cookie = APIKeyCookie(name=COOKIE, auto_error=False,
                       description="Set by signing in on the page (HttpOnly, SameSite=Strict)")

PROTECTED = {401: {"description": "no token, or a bad or expired one"},
             403: {"description": "a token that is not a staff token"}}


def staff_principal(secret: str, token: str | None) -> Principal:
    """The staff principal a token stands for, or NotStaff(401/403)."""
    if not token:
        raise NotStaff(status.HTTP_401_UNAUTHORIZED, "missing token")
    try:
        principal = decode_token(secret, token)
    except InvalidToken:
        raise NotStaff(status.HTTP_401_UNAUTHORIZED, "invalid or expired token") from None
    if principal.role is not Role.STAFF:
        raise NotStaff(status.HTTP_403_FORBIDDEN, "this needs a staff token")
    return principal


def _staff(request: Request,
           bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
           cookie: Annotated[str | None, Depends(_cookie)]) -> Principal:
    token = bearer.credentials if bearer else cookie
    try:
        return staff_principal(request.app.state.settings.secret, token)
    except NotStaff as refused:
        headers = {"WWW-Authenticate": "Bearer"} if refused.status_code == 401 else None
        raise HTTPException(refused.status_code, refused.reason, headers) from None


Staff = Annotated[Principal, Depends(_staff)]


def token_lifetime(secret: str, token: str) -> int:
    """Seconds until the token expires (the cookie lives as long)."""
    expires = jwt.decode(token, secret, algorithms=["HS256"],
                         options={"verify_aud": False, "verify_iss": False})["exp"]
    return max(0, int(expires - datetime.datetime.now(datetime.UTC).timestamp()))


def set_staff_cookie(response: Response, request: Request, token: str) -> None:
    response.set_cookie(COOKIE, token, max_age=token_lifetime(
        request.app.state.settings.secret, token), httponly=True, samesite="strict",
        secure=request.url.scheme == "https", path="/")


def clear_staff_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(COOKIE, httponly=True, samesite="strict",
                           secure=request.url.scheme == "https", path="/")
