"""Choosing a password from an invitation or reset link: nothing is used until the
password is acceptable; then the link is used, every other session of the account ends
(a reset is often "someone else may know it"), and the person is signed in."""

import asyncpg

from shared.roles import Role

from ..adapters.password_hashing import hash_password_async
from ..config import IdentitySettings
from ..domain.link_tokens import PASSWORD_PURPOSES
from ..domain.passwords import MISMATCH, password_problems
from ..store import accounts, audit, sessions
from .errors import LinkNotUsable, PasswordRejected
from .links import usable_link, use_link
from .sessions import OpenedSession, open_session


async def password_link(conn: asyncpg.Connection, token: str) -> asyncpg.Record | None:
    """The account an invitation or reset link is for, while it can be used."""
    return await usable_link(conn, token, PASSWORD_PURPOSES)


async def set_password_with_link(pool: asyncpg.Pool, settings: IdentitySettings, *,
                                 token: str, password: str, password_again: str,
                                 client: str) -> OpenedSession:
    async with pool.acquire() as conn:
        link = await password_link(conn, token)
        if link is None or link["role"] != Role.STAFF:
            raise LinkNotUsable()
        problems = password_problems(password, link["email"])
        if not problems and password != password_again:
            problems = [MISMATCH]
        if problems:
            raise PasswordRejected(problems)
        password_hash = await hash_password_async(password)
        async with conn.transaction():
            used = await use_link(conn, token, PASSWORD_PURPOSES)
            if used is None:  # used meanwhile by another request
                raise LinkNotUsable()
            account_id = used["account_id"]
            await accounts.set_password_hash(conn, account_id, password_hash)
            await sessions.delete_all_of(conn, account_id)
            await audit.record(conn, "password_set", actor_id=account_id,
                               subject_id=account_id, client=client, detail=used["purpose"])
            return await open_session(conn, settings, account_id=account_id, role=Role.STAFF,
                                      client=client, how="password_set")
