"""Staff accounts: invited by an admin (or `soho staff invite`), disabled and enabled,
made and unmade admin; every change audited with who made it."""

import uuid
from dataclasses import dataclass

import asyncpg

from shared.roles import Role

from ..config import IdentitySettings
from ..domain.emails import normalised_email
from ..domain.link_tokens import Purpose
from ..store import accounts, audit, sessions
from .errors import AddressTaken, InvalidEmail, NotAllowed, UnknownAccount
from .events import stage_account_created
from .links import issue_link
from .mail import queue_mail

MAX_NAME = 200


@dataclass(frozen=True)
class Invitation:
    account_id: uuid.UUID
    link: str
    created: bool  # False: the account existed, a new invitation was sent


async def invite_staff(conn: asyncpg.Connection, settings: IdentitySettings, *, email: str,
                       name: str = "", admin: bool = False, locale: str = "fr",
                       actor_id: uuid.UUID | None = None, client: str | None = None,
                       invited_by: str = "") -> Invitation:
    """Opens the staff account (if new) and emails it an invitation link. Run it in a
    transaction: the account, the link, the email and the event are written together."""
    address = normalised_email(email)
    if address is None:
        raise InvalidEmail(email)
    name = " ".join(name.split())[:MAX_NAME]
    locale = locale if locale in ("fr", "en") else "fr"
    account = await accounts.insert(conn, role=Role.STAFF, email=address, name=name,
                                    locale=locale, admin=admin)
    created = account is not None
    if account is None:
        account = await accounts.by_email(conn, address)
        if account is None or account["role"] != Role.STAFF:
            raise AddressTaken(address)
        if name and name != account["name"]:
            await accounts.update_profile(conn, account["id"], name=name)
    else:
        await stage_account_created(conn, account)
    link = await issue_link(conn, settings, account_id=account["id"], purpose=Purpose.INVITATION)
    await queue_mail(conn, account_id=account["id"], to=address, template="invitation",
                     settings=settings,
                     locale=account["locale"],
                     context={"link": link, "name": name or account["name"],
                              "invited_by": invited_by})
    await audit.record(conn, "invited", actor_id=actor_id, subject_id=account["id"],
                       email=address, client=client, detail="admin" if admin else "")
    return Invitation(account["id"], link, created)


async def acting_admin(conn: asyncpg.Connection, actor_id: uuid.UUID | None) -> asyncpg.Record:
    """The admin doing this, checked against the database (not only their token)."""
    actor = await accounts.by_id(conn, actor_id) if actor_id else None
    if (actor is None or actor["role"] != Role.STAFF or not actor["admin"]
            or actor["disabled_at"] is not None):
        raise NotAllowed("only staff admins manage accounts")
    return actor


async def _staff_account(conn: asyncpg.Connection, account_id: uuid.UUID) -> asyncpg.Record:
    account = await accounts.by_id(conn, account_id)
    if account is None or account["role"] != Role.STAFF:
        raise UnknownAccount(account_id)
    return account


async def set_disabled(conn: asyncpg.Connection, *, actor_id: uuid.UUID,
                       account_id: uuid.UUID, disabled: bool, client: str | None) -> None:
    """Disabling ends the account's sessions at once. An admin cannot disable themself."""
    await acting_admin(conn, actor_id)
    account = await _staff_account(conn, account_id)
    if disabled and account_id == actor_id:
        raise NotAllowed("an admin cannot disable their own account")
    if await accounts.set_disabled(conn, account_id, disabled):
        if disabled:
            await sessions.delete_all_of(conn, account_id)
        await audit.record(conn, "disabled" if disabled else "enabled", actor_id=actor_id,
                           subject_id=account_id, email=account["email"], client=client)


async def set_admin(conn: asyncpg.Connection, *, actor_id: uuid.UUID, account_id: uuid.UUID,
                    admin: bool, client: str | None) -> None:
    await acting_admin(conn, actor_id)
    account = await _staff_account(conn, account_id)
    if not admin and account_id == actor_id:
        raise NotAllowed("an admin cannot revoke their own admin rights")
    if await accounts.set_admin(conn, account_id, admin):
        await audit.record(conn, "admin_granted" if admin else "admin_revoked",
                           actor_id=actor_id, subject_id=account_id, email=account["email"],
                           client=client)


async def staff_accounts(conn: asyncpg.Connection) -> list[asyncpg.Record]:
    return await accounts.staff(conn)
