"""Emailed links: issued for an account and a purpose, built on the public address of the
front door (SOHO_PUBLIC_URL, never the request's Host, which a client chooses), used once."""

import uuid
from datetime import timedelta
from urllib.parse import urlencode

import asyncpg

from shared.config import PlatformSettings

from ..domain.link_tokens import LIFETIMES, Purpose, looks_like_token, new_token, token_hash
from ..store import links


def link_url(settings: PlatformSettings, purpose: Purpose, token: str,
             next_uri: str | None = None) -> str:
    """`next_uri` (a sign-in link's): the page the person was going to, checked again when
    the link is used (a path of this site, in the account's own area)."""
    base = settings.public_url.rstrip("/")
    if purpose is Purpose.SIGN_IN:
        then = f"?{urlencode({'next': next_uri})}" if next_uri else ""
        return f"{base}/sign-in/link/{token}{then}"
    return f"{base}/password/{token}"


async def issue_link(conn: asyncpg.Connection, settings: PlatformSettings, *,
                     account_id: uuid.UUID, purpose: Purpose,
                     lifetime: timedelta | None = None, next_uri: str | None = None) -> str:
    """A new link (its URL) for the account; only its token's hash is stored."""
    token = new_token()
    await links.insert(conn, token_hash=token_hash(token), account_id=account_id,
                       purpose=purpose.value, lifetime=lifetime or LIFETIMES[purpose])
    return link_url(settings, purpose, token, next_uri)


async def usable_link(conn: asyncpg.Connection, token: str,
                      purposes: tuple[Purpose, ...]) -> asyncpg.Record | None:
    """The link's account (id, email, role, locale) while it can be used; uses nothing."""
    if not looks_like_token(token):
        return None
    return await links.usable(conn, token_hash(token), [p.value for p in purposes])


async def use_link(conn: asyncpg.Connection, token: str,
                   purposes: tuple[Purpose, ...]) -> asyncpg.Record | None:
    """Marks the link used; its account id and purpose, or None if it could not be used
    (unknown, used, expired, another purpose). Works once even when two requests race."""
    if not looks_like_token(token):
        return None
    return await links.use(conn, token_hash(token), [p.value for p in purposes])
