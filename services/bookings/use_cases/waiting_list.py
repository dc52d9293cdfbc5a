"""The waiting list: a member waits for *any* resource of one kind (a hot desk, a private
office, a meeting room) at one place for one slot, e.g. "a hot desk at Condom, Tuesday
morning". The unit is the kind, not one desk: whichever desk of that kind frees up serves
the member, which is what a member waiting for "a desk" wants.

When a booking is cancelled (by its member, staff, an erasure) or released as a no-show,
`serve_freed` runs in that same transaction: the entries overlapping the freed period, first
come first, are booked through the booking use case (each in a savepoint, the freed desk
tried first, then the others of that kind); one served is deleted from the line and its
desk.booked is staged in the outbox like any booking's. If the process dies, the whole
transaction (release and booking) is rolled back; running it again serves nobody twice.
A slot already begun (a no-show released 30 minutes in) is booked from that minute on.
Entries whose slot is over are ignored and deleted."""

import uuid
from datetime import datetime

import asyncpg

from shared.reference.calendar import PARIS

from ..domain.modes import BookingMode
from ..domain.rules import BookingPolicy, check_slot
from ..store import bookings, members, places
from ..store import waiting_list as line
from . import booking as booking_cases
from .errors import Conflict, Forbidden, NotFound, RuleBroken, UnknownReference

KINDS = ("hot_desk", "private_office", "meeting_room")
# A row lock the serving transaction would wait for (a member booking that very desk at
# that moment): give up on that entry rather than deadlock with them.
LOCK_TIMEOUT = "250ms"


async def join(pool: asyncpg.Pool, policy: BookingPolicy, member_id: uuid.UUID,
               place_id: uuid.UUID, kind: str, starts_at: datetime, ends_at: datetime,
               now: datetime) -> asyncpg.Record:
    """Put the member in line for that slot. 422 (RuleBroken, UnknownReference) if no
    resource of that kind could ever be booked then (past, closed, not a slot...); 409 if
    one is free now (book it instead) or the member already waits for it."""
    async with pool.acquire() as conn, conn.transaction():
        if await members.get_member(conn, member_id, lock=True) is None:
            raise Forbidden("only members can wait for a desk (this member is not known "
                            "here yet)", "seuls les membres peuvent attendre un poste "
                            "(membre inconnu ici)")
        if await places.get_place(conn, place_id) is None:
            raise UnknownReference("telecentre_id", "no such telecentre", "lieu inconnu")
        desks = [d for d in await places.resources(conn, [place_id]) if d["kind"] == kind]
        if not desks:
            raise UnknownReference("kind", "this place has no resource of that kind",
                                   "ce lieu n'a pas de ressource de ce type")
        day = starts_at.astimezone(PARIS).date()
        schedule = await places.schedule(conn, place_id, day, day)
        violations = [check_slot(BookingMode(d["booking_mode"]), starts_at, ends_at,
                                 schedule, policy, now) for d in desks]
        if all(violations):
            raise RuleBroken(violations[0])
        taken = await bookings.taken_periods(conn, [d["id"] for d in desks], starts_at, ends_at)
        busy = {r["resource_id"] for r in taken}
        if any(d["id"] not in busy for d, v in zip(desks, violations) if v is None):
            raise Conflict("a resource of that kind is free for that slot: book it",
                           "une ressource de ce type est libre sur ce créneau : réservez-la")
        entry_id = uuid.uuid4()
        try:
            await line.insert_entry(conn, entry_id, member_id, place_id, kind, starts_at,
                                    ends_at)
        except line.AlreadyInLine:
            raise Conflict("you are already waiting for that slot",
                           "vous attendez déjà ce créneau") from None
        [entry] = await line.entries_of(conn, member_id, now, entry_id=entry_id)
        return entry


async def entries(pool: asyncpg.Pool, member_id: uuid.UUID, now: datetime) -> list[asyncpg.Record]:
    """The member's entries whose slot is not over (past ones are ignored, and deleted by
    the no-show job's sweep)."""
    async with pool.acquire() as conn:
        return await line.entries_of(conn, member_id, now)


async def leave(pool: asyncpg.Pool, entry_id: uuid.UUID, member_id: uuid.UUID) -> None:
    """Leave the line: NotFound if no such entry (left already), Forbidden if another's."""
    async with pool.acquire() as conn, conn.transaction():
        entry = await line.get_entry(conn, entry_id)
        if entry is None:
            raise NotFound("no such waiting-list entry", "inscription en liste d'attente inconnue")
        if entry["member_id"] != member_id:
            raise Forbidden("this is another member's waiting-list entry",
                            "cette inscription est celle d'un autre membre")
        await line.delete_entry(conn, entry_id)


async def purge_past(pool: asyncpg.Pool, now: datetime) -> int:
    async with pool.acquire() as conn:
        return await line.delete_past(conn, now)


async def serve_freed(conn: asyncpg.Connection, freed: asyncpg.Record | dict,
                      policy: BookingPolicy, now: datetime) -> list[dict]:
    """In the caller's transaction (the one that released `freed`): book the period freed
    for those waiting for it, first come first. The bookings made."""
    waiting = await line.line_for(conn, freed["place_id"], freed["resource_kind"],
                                  freed["starts_at"], freed["ends_at"], now)
    if not waiting:
        return []
    desks = [d for d in await places.resources(conn, [freed["place_id"]])
             if d["kind"] == freed["resource_kind"]]
    desks.sort(key=lambda d: d["id"] != freed["resource_id"])  # the freed desk first
    saved = await conn.fetchval("SELECT current_setting('lock_timeout')")
    await conn.execute("SELECT set_config('lock_timeout', $1, true)", LOCK_TIMEOUT)
    served = []
    try:
        for entry in waiting:
            for desk in desks:
                try:
                    async with conn.transaction():  # a savepoint per try
                        made = await booking_cases.book_in(
                            conn, policy, entry["member_id"], desk["id"], entry["starts_at"],
                            entry["ends_at"], now, started_ok=True)
                        await line.delete_entry(conn, entry["id"])
                except (Conflict, RuleBroken, UnknownReference):
                    continue  # that desk is taken, or not booked that way: the next one
                except (Forbidden, asyncpg.LockNotAvailableError,
                        asyncpg.DeadlockDetectedError):
                    break  # that member is busy or gone: they stay in line
                served.append(made)
                break
    finally:
        await conn.execute("SELECT set_config('lock_timeout', $1, true)", saved)
    return served
