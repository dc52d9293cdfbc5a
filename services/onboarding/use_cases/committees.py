"""Setting and removing a village's welcome committee. Identity keeps the committee's
account, notifications how to tell the committee, from `committee.changed`, staged here in
the same transaction as the change: a new address, language or webhook, or a removal,
publishes it; the same values sent again (a retried PUT) do not."""

import asyncpg

from shared.events import CommitteeChanged, new_event
from shared.outbox import stage_event

from ..store import villages as store
from .errors import NotFound, RecordChanged


def committee_revision(village: asyncpg.Record) -> str:
    """What a committee form carries to tell whether the committee changed since it was
    built: when it was last set or removed ("" never)."""
    changed = village["committee_updated_at"]
    return changed.isoformat() if changed is not None else ""


def _check_revision(before: asyncpg.Record, revision: str | None) -> None:
    if revision is not None and committee_revision(before) != revision:
        raise RecordChanged(f"the committee of {before['insee_code']} changed meanwhile")


def _no_such_village(insee_code: str) -> NotFound:
    return NotFound(f"no commune {insee_code} in the Gers")


async def set_committee(pool: asyncpg.Pool, insee_code: str, email: str, locale: str,
                        webhook_url: str | None, *, source: str,
                        revision: str | None = None) -> asyncpg.Record:
    """The village with its committee; NotFound when there is no such commune,
    RecordChanged when `revision` (a page's form) is not the committee's any more."""
    async with pool.acquire() as conn, conn.transaction():
        before = await store.get_village(conn, insee_code, for_update=True)
        if before is None:
            raise _no_such_village(insee_code)
        _check_revision(before, revision)
        after = await store.set_committee(conn, insee_code, email, locale, webhook_url)
        if ((before["committee_email"], before["committee_locale"],
             before["committee_webhook_url"]) != (email, locale, webhook_url)):
            await stage_event(conn, new_event(
                CommitteeChanged(insee_code=insee_code, village_name=after["name"],
                                 email=email, locale=locale, webhook_url=webhook_url),
                source=source, subject=insee_code))
        return after


async def remove_committee(pool: asyncpg.Pool, insee_code: str, *, source: str,
                           revision: str | None = None) -> None:
    """The village has no committee any more; NotFound when there is no such commune,
    RecordChanged when `revision` (a page's form) is not the committee's any more."""
    async with pool.acquire() as conn, conn.transaction():
        before = await store.get_village(conn, insee_code, for_update=True)
        if before is None:
            raise _no_such_village(insee_code)
        _check_revision(before, revision)
        await store.set_committee(conn, insee_code, None, None, None)
        if before["committee_email"] is not None:
            await stage_event(conn, new_event(
                CommitteeChanged(insee_code=insee_code, village_name=before["name"],
                                 email=None, locale=before["committee_locale"] or "fr",
                                 removed=True),
                source=source, subject=insee_code))


async def committee_of(pool: asyncpg.Pool, insee_code: str) -> asyncpg.Record | None:
    """The village with its committee's address, language, webhook and revision (None: no
    such commune), as the committee's own page shows them."""
    async with pool.acquire() as conn:
        return await store.get_village(conn, insee_code)
