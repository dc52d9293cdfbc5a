"""Members, learned from solo.installed; people forgotten on prospect.erased."""

import secrets
import uuid
from datetime import datetime

import asyncpg

from shared.events import SoloInstalled

from ..domain.lifecycle import ReleaseReason, Status
from ..domain.rules import BookingPolicy
from ..store import bookings, members
from ..store import waiting_list as waiting_line
from . import waiting_list
from .errors import Forbidden, NotFound
from .events import stage_booking_cancelled


def new_feed_token() -> str:
    """The secret part of a member's calendar feed URL (256 random bits)."""
    return secrets.token_urlsafe(32)


async def learn_member(conn: asyncpg.Connection, installed: SoloInstalled) -> bool:
    """Record (or refresh) the member; False when that person was erased meanwhile."""
    await members.lock_person(conn, installed.prospect_id)
    if await members.is_erased(conn, installed.prospect_id):
        return False
    await members.upsert_member(conn, installed.member_id, installed.prospect_id,
                                installed.village.insee_code, installed.village.name,
                                installed.installed_on, new_feed_token())
    return True


async def forget_person(conn: asyncpg.Connection, prospect_id, now: datetime) -> int:
    """Erase what this service knows of the person: their waiting-list entries deleted,
    their bookings still to come cancelled (the slots freed, `booking.cancelled`
    published, the waiting lists served), then every booking of theirs
    loses its link to them, so occupancy counts survive. Returns the bookings cancelled."""
    await members.lock_person(conn, prospect_id)
    await members.mark_erased(conn, prospect_id)
    cancelled = 0
    for member_id in await members.members_of_prospect(conn, prospect_id):
        await waiting_line.delete_entries_of(conn, member_id)  # their places in line
        for booking in await bookings.active_bookings_of(conn, member_id, now):
            await bookings.release(conn, booking["id"], Status.CANCELLED,
                                   ReleaseReason.ERASURE, now)
            await stage_booking_cancelled(conn, booking, ReleaseReason.ERASURE)
            await waiting_list.serve_freed(conn, booking, BookingPolicy(), now)
            cancelled += 1
        await members.delete_member(conn, member_id)
    return cancelled


async def profile(pool: asyncpg.Pool, member_id) -> tuple[asyncpg.Record, int]:
    """The member as known here and their no-show count; Forbidden if not a member."""
    async with pool.acquire() as conn:
        member = await members.get_member(conn, member_id)
        if member is None:
            raise Forbidden("only members have a profile here (not known yet)",
                            "seuls les membres ont un profil ici (membre inconnu)")
        return member, await members.no_shows_of(conn, member_id)


async def own_bookings(pool: asyncpg.Pool, member_id) -> list[asyncpg.Record]:
    async with pool.acquire() as conn:
        return await bookings.member_bookings(conn, member_id)


async def rotate_feed_token(pool: asyncpg.Pool, member_id) -> str:
    """A new secret for the member's feed URL: the old URL stops working."""
    token = new_feed_token()
    async with pool.acquire() as conn:
        await members.set_feed_token(conn, member_id, token)
    return token


async def all_members(pool: asyncpg.Pool) -> list[asyncpg.Record]:
    async with pool.acquire() as conn:
        return await members.members_with_no_shows(conn)


async def bookings_for_staff(pool: asyncpg.Pool, member_id: uuid.UUID, now: datetime, *,
                             coming_after: uuid.UUID | None, past_after: uuid.UUID | None,
                             limit: int) -> dict:
    """For staff: the member, their no-shows, one page of their bookings not over yet
    (soonest first) and one of those over (latest first), each with whether more follow.
    NotFound when this service does not know the member (not installed yet, or erased)."""
    async with pool.acquire() as conn:
        member = await members.get_member(conn, member_id)
        if member is None:
            raise NotFound("no such member here", "membre inconnu ici")
        coming = await bookings.member_bookings_page(conn, member_id, now, coming=True,
                                                     after=coming_after, limit=limit + 1)
        past = await bookings.member_bookings_page(conn, member_id, now, coming=False,
                                                   after=past_after, limit=limit + 1)
        no_shows = await members.no_shows_of(conn, member_id)
    return {"member": member, "no_shows": no_shows,
            "coming": coming[:limit], "more_coming": len(coming) > limit,
            "past": past[:limit], "more_past": len(past) > limit}
