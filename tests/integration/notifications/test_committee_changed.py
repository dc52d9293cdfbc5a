"""Notifications learns the welcome committees from committee.changed (queue
notifications.committee.changed, with its dead-letter queue): a committee that sets its
webhook on onboarding's page is known here with a secret of its own, through onboarding's
outbox and the real RabbitMQ; an event older than what is held (a late redelivery, a
replay, an older solo.installed) changes nothing; a removal deletes the committee and an
older event does not bring it back; a duplicate is handled once."""

import datetime
import html
import os
import re

import aio_pika
import pytest

from services.onboarding.app import SERVICE as ONBOARDING
from services.onboarding.use_cases.seeding import seed_villages
from shared.auth import FORWARDED_IDENTITY, Role, issue_token
from shared.bus.topology import dead_letter_queue_name
from shared.db import connect
from shared.events import CommitteeChanged, SoloInstalled, new_event
from shared.events.solo_installed import VillageCommittee
from tests.support.service_app import running_service
from tests.support.waiting import wait_for

from .events import contact_received, solo_installed

SECRET = os.environ["SOHO_SECRET"]
CSRF = re.compile(r'name="csrftoken" value="([^"]+)"')
REVISION = re.compile(r'name="revision" value="([^"]*)"')
VILLAGE, NAME = "32314", "Peyrecave"  # no other test uses it
QUEUE = "notifications.committee.changed"
T0 = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)


def changed(at: datetime.datetime, *, email: str | None = "comite@example.org",
            locale: str = "fr", webhook_url: str | None = None, removed: bool = False):
    event = new_event(CommitteeChanged(insee_code=VILLAGE, village_name=NAME, email=email,
                                       locale=locale, webhook_url=webhook_url,
                                       removed=removed),
                      source="/soho/onboarding", subject=VILLAGE)
    return event.model_copy(update={"time": at})


async def handled(db, event) -> None:
    await wait_for(lambda: db.fetchval(
        "SELECT true FROM inbox WHERE event_id = $1", event.id),
        timeout=20, message=f"{event.type} {event.id} handled")


async def committee_row(db):
    return await db.fetchrow("SELECT * FROM committees WHERE insee_code = $1", VILLAGE)


@pytest.fixture
async def onboarding(database_url, amqp_url):
    conn = await connect(database_url, ONBOARDING.schema)
    try:
        async with conn.transaction():
            await seed_villages(conn)  # "already loaded" when another test seeded first
    finally:
        await conn.close()
    async with running_service(ONBOARDING, database_url, amqp_url) as service:
        yield service


async def test_a_committee_sets_its_webhook_on_onboarding_and_notifications_learns_it(
        service, smtp_server, onboarding, db, amqp_url):
    async with service(smtp_server.url) as notifications:
        set_by_staff = await onboarding.client.put(
            f"/api/villages/{VILLAGE}/committee", headers=onboarding.staff(),
            json={"email": "Comite.Peyrecave@example.org", "locale": "fr"})
        assert set_by_staff.status_code == 200, set_by_staff.text
        row = await wait_for(lambda: committee_row(db), timeout=20,
                             message="the committee learnt from committee.changed")
        assert (row["email"], row["locale"], row["webhook_url"]) == (
            "comite.peyrecave@example.org", "fr", None)

        me = {FORWARDED_IDENTITY: issue_token(SECRET, Role.COMMITTEE, village=VILLAGE,
                                              name="Comité de Peyrecave")}
        page = await onboarding.client.get("/committees/contact", headers=me)
        answer = await onboarding.client.post("/committees/contact", headers=me, data={
            "csrftoken": CSRF.search(page.text).group(1),
            "revision": REVISION.search(page.text).group(1),
            "locale": "en", "webhook_url": "https://hooks.example.org/peyrecave"})
        assert answer.status_code == 303, answer.text

        row = await wait_for(lambda: db.fetchrow(
            "SELECT * FROM committees WHERE insee_code = $1 AND webhook_url IS NOT NULL",
            VILLAGE), timeout=20, message="the webhook learnt")
        assert (row["locale"], row["webhook_url"]) == ("en",
                                                       "https://hooks.example.org/peyrecave")
        assert row["webhook_secret"] and len(row["webhook_secret"]) == 64
        assert row["digest"] == "immediate"

        # The committee's notifications page shows it and leads back to the new page.
        channels = await notifications.client.get("/committees/notifications", headers=me)
        text = html.unescape(channels.text)
        assert "https://hooks.example.org/peyrecave" in text
        assert 'href="/committees/contact"' in text

    # The consumer's queue comes with its dead-letter queue.
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        channel = await connection.channel()
        await channel.declare_queue(QUEUE, passive=True)
        await channel.declare_queue(dead_letter_queue_name(QUEUE), passive=True)


async def test_an_older_event_never_overwrites_a_newer_one(service, smtp_server, publish, db):
    async with service(smtp_server.url):
        newer = changed(T0 + datetime.timedelta(hours=2), locale="en",
                        webhook_url="https://hooks.example.org/new")
        await publish(newer)
        await handled(db, newer)
        learnt = await committee_row(db)
        assert learnt["webhook_url"] == "https://hooks.example.org/new"
        assert learnt["learnt_at"] == newer.time

        older = changed(T0 + datetime.timedelta(hours=1), locale="fr",
                        webhook_url="https://hooks.example.org/old")
        await publish(older)
        await handled(db, older)
        await publish(newer)  # a redelivery: handled once
        late_install = solo_installed(contact_received().data.prospect_id, insee_code=VILLAGE,
                                      name=NAME)
        late_install = late_install.model_copy(update={
            "time": T0, "data": SoloInstalled(**{
                **late_install.data.model_dump(),
                "committee": VillageCommittee(email="old@example.org", locale="fr")})})
        await publish(late_install)
        await handled(db, late_install)
        row = await committee_row(db)
        assert (row["email"], row["locale"], row["webhook_url"], row["webhook_secret"]) == (
            "comite@example.org", "en", "https://hooks.example.org/new",
            learnt["webhook_secret"])
        assert row["updated_at"] == learnt["updated_at"]
        assert await db.fetchval("SELECT count(*) FROM inbox WHERE event_id = $1",
                                 newer.id) == 1

        removal = changed(T0 + datetime.timedelta(hours=3), email=None, removed=True)
        await publish(removal)
        await handled(db, removal)
        assert await committee_row(db) is None
        before_removal = changed(T0 + datetime.timedelta(hours=2, minutes=30))
        await publish(before_removal)
        await handled(db, before_removal)
        assert await committee_row(db) is None, "an event older than the removal"

        again = changed(T0 + datetime.timedelta(hours=4), webhook_url=None)
        await publish(again)
        await handled(db, again)
        row = await committee_row(db)
        assert (row["email"], row["webhook_url"], row["webhook_secret"]) == (
            "comite@example.org", None, None)
