"""What the staff's pages (and the API's GET /api/members/{id}) read of members: a page of
the directory of installed solos, and one member with their follow-ups."""

import datetime
import uuid
from dataclasses import dataclass

import asyncpg

from ..store import member_directory as store
from ..store import members as member_store

PAGE_SIZE = 50


@dataclass(frozen=True)
class MemberList:
    items: list[asyncpg.Record]
    next_after: tuple[datetime.date, uuid.UUID] | None  # where the next page starts
    villages: list[asyncpg.Record]  # insee_code, name, members: the filter's choices


@dataclass(frozen=True)
class MemberWithFollowUps:
    member: asyncpg.Record
    follow_ups: list[asyncpg.Record]


async def member_list(pool: asyncpg.Pool, village: str | None,
                      after: tuple[datetime.date, uuid.UUID] | None,
                      limit: int | None = None) -> MemberList:
    limit = limit or PAGE_SIZE
    async with pool.acquire() as conn, conn.transaction(isolation="repeatable_read",
                                                        readonly=True):
        rows = await store.member_page(conn, village, after, limit)
        villages = await store.villages_with_members(conn)
    items = rows[:limit]
    last = items[-1] if items and len(rows) > limit else None
    return MemberList(items, (last["installed_on"], last["id"]) if last else None, villages)


async def member_with_follow_ups(pool: asyncpg.Pool,
                                 member_id: uuid.UUID) -> MemberWithFollowUps | None:
    """The member (with their village's name) and their follow-ups; None when unknown."""
    async with pool.acquire() as conn:
        row = await member_store.get_member(conn, member_id)
        follow_ups = await member_store.follow_ups_of(conn, member_id) if row else []
    return MemberWithFollowUps(row, follow_ups) if row is not None else None
