"""Sessions: opened at sign-in (the cookie gets a random token, the database its hash),
checked on every request behind the front door, ended at sign-out."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import asyncpg

from shared.roles import Role

from ..config import IdentitySettings
from ..domain.link_tokens import looks_like_token, new_token, token_hash
from ..domain.sessions import SessionPolicy, needs_touch, policy_for
from ..store import accounts, audit, sessions

COOKIE = "soho_session"


@dataclass(frozen=True)
class OpenedSession:
    token: str  # the cookie's value
    max_age: int  # seconds: the session's absolute lifetime


@dataclass(frozen=True)
class SignedIn:
    """Who a live session belongs to."""

    account_id: uuid.UUID
    role: Role
    email: str
    name: str
    admin: bool
    member_id: uuid.UUID | None
    village: str | None
    locale: str


def session_policy(settings: IdentitySettings, role: Role) -> SessionPolicy:
    return policy_for(role, staff_idle=timedelta(hours=settings.staff_idle_hours),
                      member_idle=timedelta(days=settings.member_idle_days),
                      absolute=timedelta(days=settings.session_days))


async def open_session(conn: asyncpg.Connection, settings: IdentitySettings, *,
                       account_id: uuid.UUID, role: Role, client: str | None,
                       how: str) -> OpenedSession:
    """A new session for the account (signed in by `how`: password, link, password_set);
    records the sign-in and audits it."""
    policy = session_policy(settings, role)
    token = new_token()
    await sessions.insert(conn, token_hash=token_hash(token), account_id=account_id,
                          idle_seconds=int(policy.idle.total_seconds()),
                          expires_at=datetime.now(UTC) + policy.absolute, client=client)
    await accounts.record_sign_in(conn, account_id)
    await audit.record(conn, "sign_in", actor_id=account_id, subject_id=account_id,
                       client=client, detail=how)
    return OpenedSession(token, int(policy.absolute.total_seconds()))


async def check_session(conn: asyncpg.Connection, token: str | None) -> SignedIn | None:
    """Who the cookie's session belongs to, while it lives; notes that it was used (at most
    once a minute, so a page's many requests cost one write)."""
    if not token or not looks_like_token(token):
        return None
    row = await sessions.live(conn, token_hash(token))
    if row is None:
        return None
    if needs_touch(row["last_seen_at"], datetime.now(UTC)):
        await sessions.touch(conn, row["token_hash"])
    return SignedIn(account_id=row["account_id"], role=Role(row["role"]), email=row["email"],
                    name=row["name"], admin=row["admin"], member_id=row["member_id"],
                    village=row["village"], locale=row["locale"])


async def end_session(conn: asyncpg.Connection, token: str | None, *,
                      client: str | None) -> None:
    if not token or not looks_like_token(token):
        return
    account_id = await sessions.delete(conn, token_hash(token))
    if account_id is not None:
        await audit.record(conn, "signed_out", actor_id=account_id, subject_id=account_id,
                           client=client)


async def end_every_session(conn: asyncpg.Connection, token: str | None, *,
                            client: str | None) -> None:
    """Ends every session of the account whose session `token` is."""
    if not token or not looks_like_token(token):
        return
    row = await sessions.live(conn, token_hash(token))
    if row is None:
        await sessions.delete(conn, token_hash(token))
        return
    count = await sessions.delete_all_of(conn, row["account_id"])
    await audit.record(conn, "signed_out_everywhere", actor_id=row["account_id"],
                       subject_id=row["account_id"], client=client,
                       detail=f"{count} session(s)")
