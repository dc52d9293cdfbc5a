"""A member's own card in the directory, the directory of opted-in cards, and a member
answering their own follow-up: the use cases of PUT /api/members/{id}/card, of the
members' directory pages, and of the follow-up page (which calls installation's)."""

import datetime
import uuid
from dataclasses import dataclass

import asyncpg

from ..domain import CaseConflict
from ..store import directory_cards as store
from ..store import members as member_store
from . import installation
from .errors import NotFound, RecordChanged

PAGE_SIZE = 20


def card_revision(member) -> str:
    """What a card form carries to tell it is stale: when the card was last saved."""
    at = member["card_updated_at"]
    return at.isoformat() if at is not None else "new"


async def save_card(pool: asyncpg.Pool, member_id: uuid.UUID, changes: dict, *,
                    revision: str | None = None) -> tuple[asyncpg.Record, list]:
    """The whole card replaced (`listed` opts in); `revision` None: no check (the API).
    NotFound, CaseConflict (an erased member), RecordChanged (a stale form)."""
    async with pool.acquire() as conn, conn.transaction():
        row = await store.member_for_update(conn, member_id)
        if row is None:
            raise NotFound(f"no member {member_id}")
        if row["anonymised_at"] is not None:
            raise CaseConflict("this member was erased")
        if revision is not None and card_revision(row) != revision:
            raise RecordChanged(f"the card of {member_id} changed meanwhile")
        await member_store.update_card(conn, member_id, changes)
        row = await member_store.get_member(conn, member_id)
        follow_ups = await member_store.follow_ups_of(conn, member_id)
    return row, follow_ups


async def own_member(pool: asyncpg.Pool, member_id: uuid.UUID | None) -> asyncpg.Record | None:
    if member_id is None:
        return None
    async with pool.acquire() as conn:
        return await member_store.get_member(conn, member_id)


@dataclass
class CardPage:
    items: list
    next_after: uuid.UUID | None
    villages: list


async def directory_page(pool: asyncpg.Pool, skill: str | None, village: str | None,
                         after: uuid.UUID | None) -> CardPage:
    async with pool.acquire() as conn:
        rows = await store.listed_cards(conn, skill, village, after, PAGE_SIZE)
        villages = await store.villages_with_cards(conn)
    items = rows[:PAGE_SIZE]
    return CardPage(items=items, next_after=items[-1]["id"] if len(rows) > PAGE_SIZE else None,
                    villages=villages)


class NotYetDue(Exception):
    def __init__(self, due_on: datetime.date) -> None:
        super().__init__(f"due on {due_on}")
        self.due_on = due_on


async def own_follow_up(pool: asyncpg.Pool, member_id: uuid.UUID,
                        months: int) -> asyncpg.Record | None:
    async with pool.acquire() as conn:
        return await store.follow_up(conn, member_id, months)


async def answer_follow_up(pool: asyncpg.Pool, member_id: uuid.UUID, months: int,
                           still_here: bool, activity_going: bool, note: str | None, by: str,
                           *, today: datetime.date, source: str) -> asyncpg.Record:
    """A member answers their own follow-up once its day has come (NotYetDue before);
    then as staff record it (installation.record_follow_up: answering again corrects)."""
    found = await own_follow_up(pool, member_id, months)
    if found is None:
        raise NotFound(f"no {months}-month follow-up for {member_id}")
    if found["due_on"] > today:
        raise NotYetDue(found["due_on"])
    return await installation.record_follow_up(pool, member_id, months, still_here,
                                               activity_going, note, by, source=source)
