"""Tokens (JWT, HS256, signed with SOHO_SECRET) and who is calling (shared.roles.Role).

A service learns who calls it one way, from a token of this kind, which comes either
- from a program: `Authorization: Bearer <token>` (printed by `soho token`), or
- from a person's session: the front door asks identity about the session cookie
  (forward auth) and passes identity's short-lived token on in `X-Soho-Identity`; the
  front door deletes any such header a client sends.
No token or a bad one: 401. A valid token of the wrong role or scope: 403.
"""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated

import jwt
from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ValidationError, model_validator

from shared.roles import Role

ISSUER = "soho"
AUDIENCE = "soho-platform"
ALGORITHM = "HS256"
# The header the front door fills with identity's token for a signed-in person.
FORWARDED_IDENTITY = "X-Soho-Identity"

__all__ = ["FORWARDED_IDENTITY", "AnyPrincipal", "InvalidToken", "Principal", "Role",
           "StaffPrincipal", "authenticated", "decode_token", "issue_token",
           "presented_token", "require_roles"]


class Principal(BaseModel):
    role: Role
    sub: str
    village: str | None = None  # committee tokens: the INSEE code of their village
    member: uuid.UUID | None = None  # solo tokens: their member id
    # Set for a person signed in through the front door (identity's tokens):
    name: str | None = None  # how the pages greet them
    admin: bool = False  # staff who may invite and disable staff
    account: uuid.UUID | None = None  # their account in identity

    @model_validator(mode="after")
    def _scope_of_the_role(self) -> "Principal":
        """A scoped role without its scope is not a token we issue: refuse it (401), never
        let a missing scope read as "no restriction"."""
        if self.role is Role.COMMITTEE and not self.village:
            raise ValueError("a committee token names its village")
        if self.role is Role.SOLO and self.member is None:
            raise ValueError("a solo token names its member")
        return self


class InvalidToken(Exception):
    pass


def issue_token(
    secret: str,
    role: Role,
    *,
    sub: str | None = None,
    village: str | None = None,
    member: uuid.UUID | str | None = None,
    ttl: timedelta = timedelta(hours=12),
    name: str | None = None,
    admin: bool = False,
    account: uuid.UUID | str | None = None,
) -> str:
    if role is Role.COMMITTEE and not village:
        raise ValueError("a committee token needs the village's INSEE code")
    if role is Role.SOLO and not member:
        raise ValueError("a solo token needs the member id")
    now = datetime.now(UTC)
    claims = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": sub or (f"committee:{village}" if role is Role.COMMITTEE
                       else f"member:{member}" if role is Role.SOLO else "staff"),
        "role": role.value,
        "iat": now,
        "exp": now + ttl,
    }
    if village:
        claims["village"] = village
    if member:
        claims["member"] = str(uuid.UUID(str(member)))
    if name:
        claims["name"] = name
    if admin:
        claims["admin"] = True
    if account:
        claims["account"] = str(uuid.UUID(str(account)))
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def decode_token(secret: str, token: str) -> Principal:
    try:
        claims = jwt.decode(
            token, secret, algorithms=[ALGORITHM], audience=AUDIENCE, issuer=ISSUER,
            options={"require": ["exp", "iat", "sub", "iss", "aud"]},
        )
        return Principal.model_validate(claims)
    except (jwt.PyJWTError, ValidationError) as exc:
        raise InvalidToken(str(exc)) from exc


_bearer = HTTPBearer(auto_error=False, description="A token printed by `soho token`")


def presented_token(request: Request) -> str | None:
    """The token the caller presents: a program's bearer token, else the one the front
    door passed on for a signed-in person."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return request.headers.get(FORWARDED_IDENTITY, "").strip() or None


async def authenticated(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    challenge = {"WWW-Authenticate": "Bearer"}
    token = presented_token(request)
    if token is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token", challenge)
    try:
        return decode_token(request.app.state.settings.secret, token)
    except InvalidToken:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid or expired token",
                            challenge) from None


def require_roles(*roles: Role):
    """A dependency admitting only these roles (scope checks belong to the route)."""

    async def check(principal: Annotated[Principal, Depends(authenticated)]) -> Principal:
        if principal.role not in roles:
            raise HTTPException(status.HTTP_403_FORBIDDEN,
                                f"this needs a {' or '.join(r.value for r in roles)} token")
        return principal

    return check


AnyPrincipal = Annotated[Principal, Depends(authenticated)]
StaffPrincipal = Annotated[Principal, Depends(require_roles(Role.STAFF))]


def depends_on_authentication(dependant) -> bool:
    """Whether a FastAPI route's dependency tree checks a bearer token."""
    return any(d.call is authenticated or depends_on_authentication(d)
               for d in dependant.dependencies)


def refusal_before_validation(request: Request) -> HTTPException | None:
    """FastAPI parses a JSON body before it runs the dependencies, so a bad body would get
    its 422 before the missing token its 401. The error handler asks this first: the 401
    (as `authenticated` would answer) when the route needs a token and has no valid one."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None or not depends_on_authentication(dependant):
        return None
    token = presented_token(request)
    challenge = {"WWW-Authenticate": "Bearer"}
    if token is None:
        return HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token", challenge)
    try:
        decode_token(request.app.state.settings.secret, token)
    except InvalidToken:
        return HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid or expired token",
                             challenge)
    return None
