"""The outbox and its relay, on the real PostgreSQL and RabbitMQ."""

import asyncio
import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aio_pika
import asyncpg
import pytest

from shared.bus.topology import EVENT_LOG_STREAM
from shared.config import ServiceSettings
from shared.db import connect
from shared.events import CONTENT_TYPE, CloudEvent, ContactReceived, new_event
from shared.outbox import OutboxRelay, stage_event
from shared.outbox.relay import RelayConfig
from shared.service import ServiceDefinition
from soho.outbox_status import outbox_status
from tests.support.event_history import history_copies
from tests.support.events import Pinged, ping
from tests.support.relaying import run_relay, stage, stop_relay
from tests.support.waiting import wait_for


async def test_rolled_back_transaction_publishes_nothing_committed_one_exactly_once(
        database_url, amqp_url, schema, listener):
    rolled_back, committed, sentinel = ping(1), ping(2), ping(3)
    conn = await connect(database_url, schema)
    with pytest.raises(RuntimeError):
        async with conn.transaction():
            await stage_event(conn, rolled_back)
            raise RuntimeError("the business change failed")
    await conn.close()
    await stage(database_url, schema, committed)

    stop, task = await run_relay(OutboxRelay(RelayConfig(database_url, amqp_url, schema)))
    await stage(database_url, schema, sentinel)
    # One relay publishes in outbox order: once the later sentinel is in, so is all before it.
    await listener.wait_for_ids({str(sentinel.id)})
    await stop_relay(stop, task)

    ids = [r.body["id"] for r in listener.received]
    assert ids.count(str(committed.id)) == 1
    assert str(rolled_back.id) not in ids
    conn = await connect(database_url, schema)
    assert await conn.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0
    await conn.close()


async def test_an_outside_listener_receives_a_well_formed_cloudevent(
        database_url, amqp_url, schema, listener):
    event = ping(7)
    await stage(database_url, schema, event)
    stop, task = await run_relay(OutboxRelay(RelayConfig(database_url, amqp_url, schema)))
    [received] = await listener.wait_for_ids({str(event.id)})
    await stop_relay(stop, task)

    message = received.message
    assert received.routing_key == "test.pinged"
    assert message.content_type == CONTENT_TYPE
    assert message.message_id == str(event.id)
    assert message.delivery_mode == aio_pika.DeliveryMode.PERSISTENT
    body = received.body
    assert body["specversion"] == "1.0"
    assert uuid.UUID(body["id"]) == event.id
    assert body["type"] == "test.pinged" and body["source"] == "/soho/tests"
    assert body["time"].endswith("Z")
    assert body["subject"] == event.subject
    assert body["datacontenttype"] == "application/json"
    assert body["data"] == {"n": 7, "poison": False}
    assert CloudEvent[Pinged].model_validate(body) == event


async def test_the_relay_wakes_on_commit_without_waiting_for_its_poll(
        database_url, amqp_url, schema, listener):
    relay = OutboxRelay(RelayConfig(database_url, amqp_url, schema, poll_interval=3600))
    stop, task = await run_relay(relay)
    await wait_for(lambda: relay.idle, message="relay idle, its next poll an hour away")
    event = ping(1)
    await stage(database_url, schema, event)
    await listener.wait_for_ids({str(event.id)}, timeout=10)
    await stop_relay(stop, task)


async def test_writers_skip_the_notify_while_a_busy_relay_polls_and_nothing_waits(
        database_url, amqp_url, schema, listener):
    """NOTIFY serialises commits cluster-wide: while the relay is busy it polls and says so,
    and writers stop notifying; once it has been idle for a while they notify again."""
    relay = OutboxRelay(RelayConfig(database_url, amqp_url, schema, poll_interval=3600,
                                    busy_linger=1.0))
    stop, task = await run_relay(relay)
    notified: list[str] = []
    watcher = await connect(database_url, schema)
    await watcher.add_listener(f"{schema}_outbox", lambda *args: notified.append(args[3]))
    try:
        await wait_for(lambda: relay.idle, message="relay idle, its next poll an hour away")
        first = ping(0)
        await stage(database_url, schema, first)  # idle relay: this one must notify
        await listener.wait_for_ids({str(first.id)}, timeout=10)
        await wait_for(lambda: len(notified) == 1, message="the first write notified")

        stream = [ping(n) for n in range(1, 201)]
        for event in stream:  # 200 transactions while the relay is busy
            await stage(database_url, schema, event)
        await listener.wait_for_ids({str(e.id) for e in stream}, timeout=20)
        assert len(notified) < 20, f"{len(notified)} of 201 writes notified"

        # Idle again (the relay's promise ran out): the next write wakes it by NOTIFY.
        await asyncio.wait_for(_until_promise_expires(database_url, schema), 10)
        before, last = len(notified), ping(999)
        await stage(database_url, schema, last)
        await listener.wait_for_ids({str(last.id)}, timeout=10)
        assert len(notified) == before + 1
    finally:
        await watcher.close()
        await stop_relay(stop, task)


async def _until_promise_expires(database_url: str, schema: str) -> None:
    conn = await connect(database_url, schema)
    try:
        await wait_for(lambda: conn.fetchval(
            "SELECT NOT EXISTS (SELECT 1 FROM outbox_relay_polling "
            "WHERE polling_until > clock_timestamp() + interval '250 milliseconds')"),
            message="the relay's polling promise over")
    finally:
        await conn.close()


async def test_two_relays_share_an_outbox_without_publishing_a_row_twice(
        database_url, amqp_url, schema, listener):
    events = [ping(n) for n in range(400)]
    relays = [OutboxRelay(RelayConfig(database_url, amqp_url, schema, batch_size=20))
              for _ in range(2)]
    running = [await run_relay(r) for r in relays]
    for chunk in range(0, 400, 40):
        await stage(database_url, schema, *events[chunk:chunk + 40])
    ids = {str(e.id) for e in events}
    await listener.wait_for_ids(ids, timeout=30)
    for stop, task in running:
        await stop_relay(stop, task)

    received = [r.body["id"] for r in listener.with_ids(ids)]
    assert len(received) == len(ids)
    assert all(r.published > 0 for r in relays), "both relays took a share"


async def test_an_event_the_history_cannot_take_stays_pending_and_goes_once_it_can(
        database_url, amqp_url, schema, listener):
    history = f"test.history.{uuid.uuid4().hex[:8]}"  # a stream that does not exist yet
    event = ping(1)
    await stage(database_url, schema, event)
    relay = OutboxRelay(RelayConfig(database_url, amqp_url, schema, history_stream=history,
                                    first_backoff=0.1, max_backoff=0.5))
    stop, task = await run_relay(relay)

    conn = await connect(database_url, schema)
    row = await wait_for(lambda: conn.fetchrow(
        "SELECT * FROM outbox WHERE id = $1 AND attempts >= 2", event.id),
        message="failed attempts recorded")
    assert row["published_at"] is None
    assert "unroutable" in row["last_error"] and history in row["last_error"]
    assert not listener.with_ids({str(event.id)}), "no consumer copy before the history's"

    connection = await aio_pika.connect(amqp_url)
    channel = await connection.channel()
    await channel.declare_queue(history, durable=True, arguments={"x-queue-type": "stream"})
    await wait_for(lambda: conn.fetchval(
        "SELECT published_at IS NOT NULL FROM outbox WHERE id = $1", event.id),
        message="published once the history exists")
    [received] = await listener.wait_for_ids({str(event.id)})
    assert received.body["id"] == str(event.id)
    await stop_relay(stop, task)
    await conn.close()
    await channel.queue_delete(history)
    await connection.close()


async def test_an_event_no_consumer_wants_is_still_kept_in_the_history(
        database_url, amqp_url, schema):
    since = datetime.now(UTC) - timedelta(seconds=2)
    nobody = ping(7)  # no listener here: no queue is bound to its type
    await stage(database_url, schema, nobody)
    stop, task = await run_relay(OutboxRelay(RelayConfig(database_url, amqp_url, schema)))
    conn = await connect(database_url, schema)
    await wait_for(lambda: conn.fetchval(
        "SELECT published_at IS NOT NULL FROM outbox WHERE id = $1", nobody.id),
        message="published")
    await stop_relay(stop, task)
    await conn.close()
    copy = (await history_copies(amqp_url, since, {str(nobody.id)}))[str(nobody.id)]
    assert copy.body["type"] == nobody.type


async def test_a_relay_survives_its_database_connection_being_killed(
        database_url, amqp_url, schema, listener):
    relay = OutboxRelay(RelayConfig(database_url, amqp_url, schema))
    stop, task = await run_relay(relay)
    await wait_for(lambda: relay.publisher.connected, message="relay connected")
    admin = await asyncpg.connect(database_url)
    await wait_for(lambda: admin.fetchval(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1",
        f"soho-{schema}"), message="relay connections")
    await admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE application_name = $1", f"soho-{schema}")
    event = ping(1)
    await stage(database_url, schema, event)
    await listener.wait_for_ids({str(event.id)}, timeout=20)
    await stop_relay(stop, task)
    await admin.close()


async def test_an_event_that_cannot_go_stays_visible_with_its_error(database_url, schema):
    event = ping(9)
    await stage(database_url, schema, event)
    conn = await connect(database_url, schema)
    await conn.execute("UPDATE outbox SET attempts = 3, last_error = 'unroutable: no queue' "
                       "WHERE id = $1", event.id)
    await conn.close()
    stuck_service = ServiceDefinition(name=schema, title="t", description="t",
                                      settings=ServiceSettings, package_dir=Path("/none"))
    lines = await outbox_status(database_url, [stuck_service])
    assert lines[0].startswith(f"{schema}: 1 pending, 1 failing")
    assert str(event.id) in lines[1] and "attempts=3" in lines[1]
    assert lines[1].endswith("unroutable: no queue")


async def test_consumers_get_the_whole_event_and_the_event_log_one_without_the_person(
        database_url, amqp_url, schema, listener):
    since = datetime.now(UTC) - timedelta(seconds=2)
    contact = new_event(ContactReceived(
        contact_id=uuid.uuid4(), prospect_id=uuid.uuid4(), is_new_prospect=True,
        channel="web", first_name="Sanne", last_name="de Vries", email="sanne@example.nl",
        locale="en", origin_country="NL", household_size=3, desired_villages=["32233"],
        message="Near Marciac, please."), source="/soho/prospects")
    await stage(database_url, schema, contact)
    stop, task = await run_relay(OutboxRelay(RelayConfig(database_url, amqp_url, schema)))
    [whole] = await listener.wait_for_ids({str(contact.id)})
    copy = (await history_copies(amqp_url, since, {str(contact.id)}))[str(contact.id)]
    await stop_relay(stop, task)

    # Put straight into the stream, not taken from soho.events; the AMQP type is what
    # `soho dashboard rebuild` reads the event type from.
    assert (copy.amqp_type, copy.routing_key) == ("contact.received", EVENT_LOG_STREAM)
    logged = copy.body

    assert whole.body["data"]["first_name"] == "Sanne"
    assert whole.body["data"]["email"] == "sanne@example.nl"
    for secret in ("Sanne", "de Vries", "sanne@example.nl", "Marciac"):
        assert secret not in json.dumps(logged)
    assert logged["data"] == {**whole.body["data"], "first_name": "", "last_name": "",
                              "email": "", "message": None}
    assert {k: v for k, v in logged.items() if k != "data"} == {
        k: v for k, v in whole.body.items() if k != "data"}
