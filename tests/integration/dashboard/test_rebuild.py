"""`soho dashboard rebuild` replays the stream soho.events.log into fresh projections and
swaps them in, with the dashboard running: the figures are those the live consumers made,
and those of exactly the events in this run's stream."""

import asyncio
import datetime
import uuid

from click.testing import CliRunner

from services.dashboard.commands import rebuild_command
from services.dashboard.domain.dates import local_date
from services.dashboard.domain.reading import assemble
from services.dashboard.store.rebuild import drop_fresh_schema, prepare_fresh_schema, try_swap
from shared.db import connect
from shared.events import ContactReceived, new_event
from tests.unit.dashboard.memory_store import MemoryStore
from tests.unit.dashboard.scripted_stream import scripted_stream

from .conftest import handled, kpis, today
from .stream_contents import events_in_stream

TIMES = ("as_of", "last_event_at")


async def rebuild() -> str:
    result = await asyncio.to_thread(CliRunner().invoke, rebuild_command,
                                     ["--idle-seconds", "5"])
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


def figures(k: dict) -> dict:
    return {name: value for name, value in k.items() if name not in TIMES}


async def test_rebuild_gives_the_live_figures_and_those_of_the_stream(dashboard, publish, db,
                                                                      amqp_url):
    # The stream holds every event of this test run, some published while no dashboard ran:
    # a first rebuild brings the live figures level with the whole history.
    await rebuild()
    script = scripted_stream(today(), sector_tag="-" + uuid.uuid4().hex[:6])
    for event in script.events:
        await publish(event)
    await handled(db, script.distinct)
    live = await kpis(dashboard)

    output = await rebuild()
    assert "swapped in" in output and " 0 failed" in output
    rebuilt = await kpis(dashboard)
    assert figures(rebuilt) == figures(live)
    assert rebuilt["last_event_at"] == live["last_event_at"]

    # The same figures as the projector gives, in memory, from exactly the stream's events.
    memory = MemoryStore()
    for event in await events_in_stream(amqp_url):
        await memory.handle(event)
    now = datetime.datetime.now(datetime.UTC)
    expected = assemble(memory.rows(), now=now, today=local_date(now), last_event_at=None)
    assert figures(expected.model_dump(mode="json")) == figures(rebuilt)

    # The live consumers go on after the swap, on the swapped-in tables.
    contact = new_event(ContactReceived(
        contact_id=uuid.uuid4(), prospect_id=uuid.uuid4(), is_new_prospect=True,
        channel="web", first_name="Eva", last_name="Smit", email="eva@example.org"),
        source="/soho/prospects")
    await publish(contact)
    await handled(db, [contact.id])
    after = await kpis(dashboard)
    assert (after["contacts"], after["prospects"]) == (rebuilt["contacts"] + 1,
                                                      rebuilt["prospects"] + 1)
    assert not await db.fetchval(
        "SELECT count(*) FROM pg_namespace WHERE nspname = 'dashboard_rebuild'")


async def test_events_arriving_during_a_rebuild_are_counted_once(dashboard, publish, db,
                                                                 amqp_url):
    """Live consumers keep handling events while the rebuild replays and swaps: whichever
    of the two applies an event, the figures count it once."""
    await rebuild()
    before = await kpis(dashboard)
    contacts = [new_event(ContactReceived(
        contact_id=uuid.uuid4(), prospect_id=uuid.uuid4(), is_new_prospect=True,
        channel="phone", first_name="F", last_name="G", email="f@example.org"),
        source="/soho/prospects") for _ in range(150)]

    async def trickle() -> None:  # a flow paced by the live consumers, during the rebuild
        for start in range(0, len(contacts), 10):
            batch = contacts[start:start + 10]
            for event in batch:
                await publish(event)
            await handled(db, [e.id for e in batch])

    flow = asyncio.create_task(trickle())
    output = await rebuild()
    await flow
    await handled(db, [e.id for e in contacts])
    after = await kpis(dashboard)
    assert after["contacts"] - before["contacts"] == len(contacts), output
    memory = MemoryStore()
    for event in await events_in_stream(amqp_url):
        await memory.handle(event)
    assert sorted(memory.rows()) == sorted(
        (r["dimension"], r["key"], r["measure"], r["value"])
        for r in await db.fetch("SELECT * FROM figure WHERE value <> 0"))


async def test_the_swap_waits_for_events_handled_live_but_not_yet_replayed(dashboard, db,
                                                                          database_url):
    """An event the live consumers handled after the replay's last message: no swap yet,
    the live figures untouched; once replayed too, the swap goes through."""
    conn = await connect(database_url)
    late = uuid.uuid4()  # in no stream: removed at the end, so later rebuilds can finish
    try:
        await prepare_fresh_schema(conn, "dashboard", "dashboard_rebuild")
        async with db.transaction():
            await db.execute("INSERT INTO inbox (consumer, event_id, event_type) VALUES "
                             "('dashboard.contact.received', $1, 'contact.received')", late)
        figures_before = await db.fetch("SELECT * FROM figure ORDER BY 1, 2, 3")
        assert await try_swap(conn, "dashboard", "dashboard_rebuild", "dashboard") >= 1
        assert await db.fetch("SELECT * FROM figure ORDER BY 1, 2, 3") == figures_before
        await conn.execute("INSERT INTO dashboard_rebuild.inbox SELECT * FROM dashboard.inbox")
        await conn.execute("INSERT INTO dashboard_rebuild.figure SELECT * FROM dashboard.figure")
        assert await try_swap(conn, "dashboard", "dashboard_rebuild", "dashboard") == 0
        assert await db.fetch("SELECT * FROM figure ORDER BY 1, 2, 3") == figures_before
    finally:
        await drop_fresh_schema(conn, "dashboard_rebuild")
        await db.execute("DELETE FROM inbox WHERE event_id = $1", late)
        await conn.close()
