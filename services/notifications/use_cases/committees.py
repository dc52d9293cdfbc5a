"""Welcome committees' channels per village, as staff edit them (this service's copy:
onboarding's `solo.installed` may update it; the digest choice and the secret are ours)."""

import secrets

import asyncpg
from email_validator import EmailNotValidError, validate_email

from ..domain.webhook_targets import RefusedTarget, address_refusal, literal_address, parse_target
from ..store import committees
from .errors import Conflict, Invalid, NotFound

NO_COMMITTEE = "no committee recorded for this village"


class KEEP:
    """set_committee's `send_to` when the caller leaves the committee's choice as it is."""


async def every_committee(pool: asyncpg.Pool) -> list[asyncpg.Record]:
    async with pool.acquire() as conn:
        return await committees.all_(conn)


async def committee(pool: asyncpg.Pool, insee_code: str) -> asyncpg.Record:
    async with pool.acquire() as conn:
        row = await committees.get(conn, insee_code)
    if row is None:
        raise NotFound(NO_COMMITTEE)
    return row


async def set_committee(pool: asyncpg.Pool, insee_code: str, *, village_name: str,
                        email: str | None, locale: str, webhook_url: str | None, digest: str,
                        webhook_secret: str | None, rotate_secret: bool,
                        allow_private_webhooks: bool,
                        revision: str | None = None,
                        send_to: str | None | type[KEEP] = KEEP) -> tuple[asyncpg.Record, bool]:
    """The committee as saved, and whether it is new. A webhook gets a secret: the one
    given, else the current one (unless rotated), else a new one. `revision` (a page's
    form: committee_revision of what it showed) refuses with Conflict when the committee
    changed meanwhile. `send_to` (the committee's own page): where its messages go, None
    for the address it signs in with; KEEP leaves its choice as it is."""
    if send_to is not KEEP and send_to is not None:
        send_to = checked_address(send_to)
    if not email and not webhook_url:
        raise Invalid("email", "give an email address, a webhook URL, or both")
    if webhook_url:
        check_webhook_url(webhook_url, allow_private_webhooks)
    async with pool.acquire() as conn, conn.transaction():
        current = await committees.get(conn, insee_code, for_update=True)
        if revision is not None and committee_revision(current) != revision:
            raise Conflict(f"the committee of {insee_code} changed meanwhile", "changed")
        secret = None
        if webhook_url:
            secret = webhook_secret or (
                None if rotate_secret or current is None else current["webhook_secret"]
            ) or secrets.token_hex(32)
        return await committees.put(
            conn, insee_code=insee_code, village_name=village_name,
            email=str(email).lower() if email else None, locale=locale,
            webhook_url=webhook_url, webhook_secret=secret, digest=digest,
            send_to=None if send_to is KEEP else send_to, keep_send_to=send_to is KEEP)


def committee_revision(row: asyncpg.Record | None) -> str:
    """What a page's form carries to tell whether the committee changed since it was built:
    when it was last set ("" never)."""
    return "" if row is None else row["updated_at"].isoformat()


async def forget_committee(pool: asyncpg.Pool, insee_code: str) -> None:
    async with pool.acquire() as conn:
        if not await committees.delete(conn, insee_code):
            raise NotFound(NO_COMMITTEE)


def check_webhook_url(url: str, allow_private: bool) -> None:
    """Refuses what can be refused now; the addresses a name resolves to are checked on
    every send (they may change)."""
    try:
        target = parse_target(url)
    except RefusedTarget as exc:
        raise Invalid("webhook_url", str(exc)) from None
    address = literal_address(target.host)
    if target.host.lower() in ("localhost", "localhost.localdomain") and not allow_private:
        raise Invalid("webhook_url", "loopback addresses are not accepted")
    if address is not None and not allow_private and (reason := address_refusal(address)):
        raise Invalid("webhook_url", reason)


def checked_address(address: str) -> str:
    """A committee's chosen address, lower-cased; Invalid("send_to") when it is not one."""
    try:
        valid = validate_email(address.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise Invalid("send_to", str(exc)) from None
    return valid.normalized.lower()
