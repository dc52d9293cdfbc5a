"""Committees' accounts, one per village's committee contact (set by staff in onboarding,
told by committee.changed). No email is sent: the committee asks for a link on the
sign-in page when it wants one."""

import asyncpg
import structlog

from shared.roles import Role

from ..domain.emails import normalised_email
from ..store import accounts, audit, sessions
from .events import stage_account_created

log = structlog.get_logger(__name__)


async def _disable(conn: asyncpg.Connection, account: asyncpg.Record, why: str) -> None:
    if await accounts.set_disabled(conn, account["id"], True):
        await sessions.delete_all_of(conn, account["id"])
        await audit.record(conn, "disabled", subject_id=account["id"], email=account["email"],
                           detail=why)


async def set_committee_account(conn: asyncpg.Connection, *, insee_code: str,
                                village_name: str, email: str | None, locale: str,
                                removed: bool) -> asyncpg.Record | None:
    """Makes the village's committee account match the committee: opened or updated for
    its address, the previous address's account disabled, every one disabled on removal.
    Returns the active account (None when there is none)."""
    address = None if removed else normalised_email(email)
    locale = locale if locale in ("fr", "en") else "fr"
    for account in await accounts.committees_of(conn, insee_code):
        if account["email"] != address:
            await _disable(conn, account, "committee removed" if address is None
                           else "committee address changed")
    if address is None:
        return None
    account = await accounts.by_email(conn, address)
    if account is None:
        account = await accounts.insert(conn, role=Role.COMMITTEE, email=address,
                                        name=village_name, locale=locale, village=insee_code)
        await stage_account_created(conn, account)
        await audit.record(conn, "account_opened", subject_id=account["id"],
                           detail=f"committee {insee_code}")
        return account
    if account["role"] != Role.COMMITTEE:
        log.warning("committee account not opened: the address has another account",
                    village=insee_code)
        return None
    if account["village"] != insee_code and account["disabled_at"] is None:
        # One address, one account: it cannot speak for two villages at once.
        log.warning("committee account not moved: the address is another village's",
                    village=insee_code, other=account["village"])
        return None
    await accounts.update_profile(conn, account["id"], name=village_name, locale=locale,
                                  village=insee_code)
    if await accounts.set_disabled(conn, account["id"], False):
        await audit.record(conn, "enabled", subject_id=account["id"], email=address,
                           detail=f"committee {insee_code}")
    return await accounts.by_id(conn, account["id"])
