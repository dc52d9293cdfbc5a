"""prospect.qualified and solo.installed travel on other queues than prospect.erased: either
may be handled AFTER the erasure (a redelivery, a consumer that was down). Then identity
keeps nothing of the person, opens no account, issues no link and sends no welcome; the
event is still acknowledged (the inbox records it). The erasure and an event about the same
person handled at the same moment cannot interleave (the person's lock)."""

import contextlib
import uuid

from services.identity.use_cases import solo_accounts
from services.identity.use_cases.housekeeping import forget_expired
from shared.db import connect
from shared.events import ProspectErased, new_event
from tests.support.personal_data_scan import places_holding
from tests.support.waiting import wait_for

from .conftest import unique_email
from .test_links import installed, qualified


def erased(prospect_id: uuid.UUID):
    return new_event(ProspectErased(prospect_id=prospect_id), source="/soho/prospects",
                     subject=str(prospect_id))


async def handled(db, *events) -> bool:
    return await db.fetchval("SELECT count(DISTINCT event_id) = $2 FROM inbox "
                             "WHERE event_id = ANY($1::uuid[])",
                             [e.id for e in events], len(events))


async def identity_holding(db, *needles: str) -> dict[str, list[str]]:
    found = await places_holding(db, list(needles))
    return {place: hits for place, hits in found.items() if place.startswith("identity.")}


async def nothing_of(db, prospect_id: uuid.UUID, member_id: uuid.UUID | None = None) -> None:
    for table in ("prospects", "installations", "accounts"):
        assert await db.fetchval(f"SELECT count(*) FROM {table} WHERE prospect_id = $1",
                                 prospect_id) == 0, table
    if member_id is not None:
        assert await db.fetchval("SELECT count(*) FROM accounts WHERE member_id = $1",
                                 member_id) == 0


@contextlib.asynccontextmanager
async def transaction(database_url):
    """A connection of the test's own, in a transaction (rolled back unless committed)."""
    conn = await connect(database_url, "identity")
    try:
        tx = conn.transaction()
        await tx.start()
        try:
            yield conn, tx
        finally:
            if conn.is_in_transaction():
                await tx.rollback()
    finally:
        await conn.close()


async def blocked_by(db, conn) -> bool:
    """Some other backend (the service's handler) waits for a lock `conn` holds."""
    return await db.fetchval("SELECT count(*) > 0 FROM pg_stat_activity "
                             "WHERE $1 = ANY(pg_blocking_pids(pid))", conn.get_server_pid())


async def test_a_qualification_or_installation_after_the_erasure_opens_and_sends_nothing(
        identity, publish, db, smtp_server):
    email = unique_email("late")
    first_name = f"Erwann-{uuid.uuid4().hex[:8]}"
    prospect_id, member_id = uuid.uuid4(), uuid.uuid4()
    async with identity() as svc:
        erasure = erased(prospect_id)
        await publish(erasure)
        await wait_for(lambda: handled(db, erasure), timeout=15, message="the erasure handled")
        late = [qualified(prospect_id, email, first_name), installed(prospect_id, member_id)]
        await publish(*late, *late)  # redelivered too
        await wait_for(lambda: handled(db, *late), timeout=15, message="the late events")
        # A sign of progress on the mail worker: another person's welcome arrives.
        other = unique_email("other")
        other_prospect = uuid.uuid4()
        await publish(qualified(other_prospect, other), installed(other_prospect, uuid.uuid4()))
        await smtp_server.wait_for_messages(to=other)

        await nothing_of(db, prospect_id, member_id)
        assert await db.fetchval("SELECT count(*) FROM outgoing_mail WHERE to_address = $1",
                                 email) == 0
        assert await identity_holding(db, email, first_name) == {}
        assert smtp_server.to(email) == []

        # Hourly housekeeping forgets expired things, never who was erased.
        await db.execute("UPDATE erased_people SET erased_at = now() - interval '10 years' "
                         "WHERE prospect_id = $1", prospect_id)
        await forget_expired(svc.app.state.pool)
        assert await db.fetchval("SELECT count(*) FROM erased_people WHERE prospect_id = $1",
                                 prospect_id) == 1
        again = qualified(prospect_id, email)
        await publish(again, installed(prospect_id, member_id))
        await wait_for(lambda: handled(db, again), timeout=15, message="qualified once more")
        await nothing_of(db, prospect_id, member_id)
        assert await identity_holding(db, email, first_name) == {}


async def test_a_qualification_during_the_erasure_waits_for_it(
        identity, publish, db, smtp_server, database_url):
    """The erasure holds the person's lock until it commits: identity's handler for their
    prospect.qualified waits, then finds them erased. (Without the lock it would not see the
    uncommitted erasure and would keep the address.)"""
    email = unique_email("racing")
    prospect_id, member_id = uuid.uuid4(), uuid.uuid4()
    async with identity():
        async with transaction(database_url) as (conn, tx):
            await solo_accounts.erase_person(conn, prospect_id)
            event = qualified(prospect_id, email)
            await publish(event)
            await wait_for(lambda: blocked_by(db, conn), timeout=15,
                           message="the qualification waiting for the erasure")
            assert not await handled(db, event)
            await tx.commit()
        await wait_for(lambda: handled(db, event), timeout=15, message="qualification handled")
        late = installed(prospect_id, member_id)
        await publish(late)
        await wait_for(lambda: handled(db, late), timeout=15, message="installation handled")
        await nothing_of(db, prospect_id, member_id)
        assert await identity_holding(db, email) == {}
        assert smtp_server.to(email) == []


async def test_an_erasure_during_a_welcome_removes_what_it_opened(
        identity, publish, db, smtp_server, database_url):
    """The other way round: a welcome being given (account, link and mail written, not yet
    committed) holds the person's lock; the erasure waits for it, then removes it all.
    (Without the lock its DELETEs would not see the uncommitted rows, which would stay.)"""
    email = unique_email("welcomed")
    prospect_id, member_id = uuid.uuid4(), uuid.uuid4()
    # No mail server configured: the welcome cannot leave before the erasure.
    async with identity(SMTP_URL=None) as svc:
        settings = svc.app.state.settings
        async with transaction(database_url) as (conn, tx):
            await solo_accounts.remember_prospect(
                conn, settings, prospect_id=prospect_id, email=email, first_name="Maïwenn",
                last_name="Le Gall", locale="fr")
            assert await solo_accounts.welcome_solo(conn, settings, member_id=member_id,
                                                    prospect_id=prospect_id,
                                                    village_name="Marciac")
            event = erased(prospect_id)
            await publish(event)
            await wait_for(lambda: blocked_by(db, conn), timeout=15,
                           message="the erasure waiting for the welcome")
            assert not await handled(db, event)
            await tx.commit()
        await wait_for(lambda: handled(db, event), timeout=15, message="the erasure handled")
        await nothing_of(db, prospect_id, member_id)
        assert await db.fetchval("SELECT count(*) FROM outgoing_mail WHERE to_address = $1",
                                 email) == 0
        assert await identity_holding(db, email) == {}
