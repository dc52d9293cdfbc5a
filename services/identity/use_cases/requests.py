"""Asking for an emailed link: a sign-in link (solos and committees; staff use their
password) or a password reset (staff). The caller answers the same whatever happened, so
that nobody learns from it whether an address has an account."""

import asyncpg

from shared.roles import Role

from ..config import IdentitySettings
from ..domain.areas import required_role
from ..domain.emails import normalised_email
from ..domain.link_tokens import Purpose
from ..store import accounts, audit
from .links import issue_link
from .mail import queue_mail
from .throttling import count_attempt, request_limits

LINK_ROLES = (Role.SOLO, Role.COMMITTEE)


async def request_sign_in_link(pool: asyncpg.Pool, settings: IdentitySettings, *,
                               email: str, client: str, next_uri: str | None = None) -> None:
    """Emails a sign-in link if `email` is a solo's or a committee's usable account; the
    link goes on to `next_uri` (the page they asked for) when it is in their area.
    Raises TooManyAttempts over the limits; otherwise says nothing of what it did."""
    await _request(pool, settings, email=email, client=client, roles=LINK_ROLES,
                   purpose=Purpose.SIGN_IN, template="sign_in", action="link_requested",
                   next_uri=next_uri)


async def request_password_reset(pool: asyncpg.Pool, settings: IdentitySettings, *,
                                 email: str, client: str) -> None:
    """Emails a reset link if `email` is a usable staff account (one never given a
    password yet may use this too: it is how a lost invitation is replaced)."""
    await _request(pool, settings, email=email, client=client, roles=(Role.STAFF,),
                   purpose=Purpose.RESET, template="reset",
                   action="password_reset_requested")


async def _request(pool: asyncpg.Pool, settings: IdentitySettings, *, email: str, client: str,
                   roles: tuple[Role, ...], purpose: Purpose, template: str,
                   action: str, next_uri: str | None = None) -> None:
    address = normalised_email(email) or email.strip().lower()[:254]
    async with pool.acquire() as conn:
        await count_attempt(conn, request_limits(settings), email=address, client=client)
        async with conn.transaction():
            account = await accounts.by_email(conn, address)
            usable = (account is not None and account["role"] in roles
                      and account["disabled_at"] is None)
            await audit.record(conn, action, subject_id=account["id"] if account else None,
                               email=address, client=client,
                               detail="" if usable else "no usable account")
            if not usable:
                return
            if next_uri and required_role(next_uri) != account["role"]:
                next_uri = None  # another area's page: the link goes to their home
            link = await issue_link(conn, settings, account_id=account["id"], purpose=purpose,
                                    next_uri=next_uri)
            await queue_mail(conn, account_id=account["id"], to=address, template=template,
                             settings=settings,
                             locale=account["locale"],
                             context={"link": link, "name": account["name"]})
