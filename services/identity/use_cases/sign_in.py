"""Signing in: with a password (staff) or with an emailed link (solos and committees)."""

from datetime import UTC, datetime

import asyncpg
import structlog

from shared.roles import Role

from ..adapters.password_hashing import (hash_password_async, needs_rehash,
                                         verify_password_async)
from ..config import IdentitySettings
from ..domain.emails import normalised_email
from ..domain.link_tokens import Purpose
from ..domain.throttle import slowing_delay
from ..store import accounts, audit
from .errors import LinkNotUsable, TooManyAttempts, WrongCredentials
from .links import use_link
from .sessions import OpenedSession, open_session
from .throttling import count_attempt, sign_in_limits

log = structlog.get_logger(__name__)


async def sign_in_with_password(pool: asyncpg.Pool, settings: IdentitySettings, *,
                                email: str, password: str,
                                client: str) -> tuple[OpenedSession, Role]:
    """A session for the staff account of `email` if `password` is its password.

    Unknown address, no password yet, wrong password and a disabled account all raise
    WrongCredentials (the same answer, in about the same time). Over the rate limits, or
    while the account is slowed after wrong passwords, TooManyAttempts."""
    address = normalised_email(email) or email.strip().lower()[:254]
    async with pool.acquire() as conn:
        # Counted outside any transaction: a refused attempt still counts.
        await count_attempt(conn, sign_in_limits(settings), email=address, client=client)
        account = await accounts.by_email(conn, address)
        now = datetime.now(UTC)
        if account is not None and account["slowed_until"] and account["slowed_until"] > now:
            await audit.record(conn, "sign_in_failed", subject_id=account["id"], email=address,
                               client=client, detail="slowed")
            wait = (account["slowed_until"] - now).total_seconds()
            raise TooManyAttempts(int(wait) + 1, slowed=True)
        usable = (account is not None and account["role"] == Role.STAFF
                  and account["disabled_at"] is None)
        password_hash = account["password_hash"] if usable else None
        if not await verify_password_async(password_hash, password):
            await _failed(conn, settings, account, address, client)
            raise WrongCredentials()
        async with conn.transaction():
            if needs_rehash(password_hash):
                await accounts.set_password_hash(conn, account["id"],
                                                 await hash_password_async(password))
            opened = await open_session(conn, settings, account_id=account["id"],
                                        role=Role.STAFF, client=client, how="password")
        return opened, Role.STAFF


async def _failed(conn: asyncpg.Connection, settings: IdentitySettings,
                  account: asyncpg.Record | None, address: str, client: str) -> None:
    """Audits the failure; after enough in a row the account is slowed: this attempt is
    answered as a wrong password, the next ones (until slowed_until) as too many."""
    async with conn.transaction():
        subject = account["id"] if account is not None else None
        await audit.record(conn, "sign_in_failed", subject_id=subject, email=address,
                           client=client)
        if account is None:
            return
        failures = await accounts.record_failure(conn, account["id"])
        delay = slowing_delay(failures, after=settings.slow_after,
                              first_seconds=settings.slowing_first_seconds,
                              max_seconds=settings.slowing_max_seconds)
        if delay is None:
            return
        await accounts.slow_down(conn, account["id"], delay.total_seconds())
        await audit.record(conn, "sign_in_slowed", subject_id=account["id"], email=address,
                           client=client, detail=f"{failures} failures, {delay.total_seconds():g} s")
    log.warning("sign-in slowed", account=str(account["id"]), failures=failures)


async def sign_in_with_link(pool: asyncpg.Pool, settings: IdentitySettings, *, token: str,
                            client: str) -> tuple[OpenedSession, Role]:
    """Uses a sign-in link (once) and opens a session for its account."""
    async with pool.acquire() as conn, conn.transaction():
        link = await use_link(conn, token, (Purpose.SIGN_IN,))
        account = await accounts.by_id(conn, link["account_id"]) if link else None
        if account is None or account["disabled_at"] is not None:
            raise LinkNotUsable()
        await audit.record(conn, "link_used", actor_id=account["id"], subject_id=account["id"],
                           client=client, detail=link["purpose"])
        role = Role(account["role"])
        return await open_session(conn, settings, account_id=account["id"], role=role,
                                  client=client, how="link"), role
