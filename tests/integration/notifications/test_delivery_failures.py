"""A down mail server loses nothing and sends nothing twice; 4xx is retried, 5xx is not;
what finally fails is published as notification.failed and can be re-sent by staff."""

import asyncio

from tests.support.waiting import wait_for

from .events import contact_received

STREAM_PACE = 0.02  # seconds between two contacts of the stream


def events_of(listener, routing_key: str, event_id) -> list[dict]:
    return [r.body["data"] for r in listener.received
            if r.routing_key == routing_key and r.body["data"]["event_id"] == str(event_id)]


async def test_the_mail_server_stopped_and_restarted_mid_stream_everything_arrives_once(
        service, smtp_server, publish, db):
    contacts = [contact_received() for _ in range(30)]
    async with service(smtp_server.url, NOTIFICATIONS_MAX_ATTEMPTS=100,
                       NOTIFICATIONS_MAX_BACKOFF=1.0) as svc:
        async def stream() -> None:
            for event in contacts:
                await publish(event)
                await asyncio.sleep(STREAM_PACE)  # a steady stream, not a burst (not a wait)

        streaming = asyncio.create_task(stream())
        await wait_for(lambda: len(smtp_server.messages) >= 5, message="the first messages")
        smtp_server.stop()
        await wait_for(lambda: db.fetchval(
            "SELECT count(*) FROM deliveries WHERE last_error_kind = 'unreachable'"),
            message="attempts failing on the stopped server")
        await streaming
        # Consumption went on while the mail server was down: every contact is planned.
        await wait_for(lambda: db.fetchval(
            "SELECT count(DISTINCT event_id) = 30 FROM deliveries WHERE event_id = ANY($1)",
            [e.id for e in contacts]), message="every contact planned while mail is down")
        smtp_server.start()
        for event in contacts:
            await smtp_server.wait_for_messages(to=event.data.email, timeout=30)
        await wait_for(lambda: len(smtp_server.to(svc.staff_email)) >= 30, timeout=30,
                       message="every staff alert")
        await wait_for(lambda: db.fetchval(
            "SELECT count(*) = 0 FROM deliveries WHERE status <> 'sent'"),
            message="every delivery recorded as sent")

    assert all(len(smtp_server.to(e.data.email)) == 1 for e in contacts)
    assert len(smtp_server.to(svc.staff_email)) == 30
    ids = [m.message["Message-ID"] for m in smtp_server.messages]
    assert len(ids) == len(set(ids)) == 60


async def test_a_permanent_refusal_fails_at_once_and_staff_can_send_it_again(
        service, smtp_server, publish, listener, db):
    event = contact_received()
    async with service(smtp_server.url, NOTIFICATIONS_STAFF_EMAILS=[]) as svc:
        smtp_server.reply_next("550 5.1.1 mailbox unavailable")
        await publish(event)
        [failed] = await wait_for(lambda: events_of(listener, "notification.failed", event.id),
                                  message="notification.failed")
        assert "550" in failed["error"] and failed["template"] == "contact.acknowledgement"
        row = await db.fetchrow("SELECT * FROM deliveries WHERE event_id = $1", event.id)
        assert (row["status"], row["attempts"]) == ("failed", 1)
        assert not smtp_server.to(event.data.email)

        log = await svc.client.get("/api/notifications", headers=svc.staff(),
                                   params={"status": "failed", "recipient": event.data.email})
        [entry] = log.json()["items"]
        assert entry["id"] == failed["notification_id"] and "550" in entry["last_error"]
        response = await svc.client.post(f"/api/notifications/{entry['id']}/resend",
                                         headers=svc.staff())
        assert response.status_code == 202 and response.json()["status"] == "pending"
        await smtp_server.wait_for_messages(to=event.data.email)
        [sent] = await wait_for(lambda: events_of(listener, "notification.sent", event.id),
                                message="notification.sent after the re-send")
        assert sent["notification_id"] == entry["id"]
        again = await svc.client.post(f"/api/notifications/{entry['id']}/resend",
                                      headers=svc.staff())
        assert again.status_code == 409  # it is sent now


async def test_a_transient_refusal_is_retried_until_it_goes(service, smtp_server, publish, db):
    event = contact_received()
    async with service(smtp_server.url, NOTIFICATIONS_STAFF_EMAILS=[]):
        smtp_server.reply_next("451 4.3.0 try again later", count=2)
        await publish(event)
        await smtp_server.wait_for_messages(to=event.data.email)
        row = await wait_for(lambda: db.fetchrow(
            "SELECT * FROM deliveries WHERE event_id = $1 AND status = 'sent'", event.id),
            message="recorded as sent")
    assert row["attempts"] == 3 and "451" in row["last_error"]
    assert len(smtp_server.to(event.data.email)) == 1


async def test_retries_stop_at_the_limit_and_the_failure_is_published(
        service, smtp_server, publish, listener, db):
    event = contact_received()
    async with service(smtp_server.url, NOTIFICATIONS_STAFF_EMAILS=[],
                       NOTIFICATIONS_MAX_ATTEMPTS=3):
        smtp_server.reply_next("421 4.7.0 too busy", count=10)
        await publish(event)
        [failed] = await wait_for(lambda: events_of(listener, "notification.failed", event.id),
                                  message="notification.failed")
    row = await db.fetchrow("SELECT * FROM deliveries WHERE event_id = $1", event.id)
    assert (row["status"], row["attempts"]) == ("failed", 3)
    assert "421" in failed["error"]


async def test_when_the_mail_server_is_back_what_waited_goes_without_waiting_its_backoff(
        service, smtp_server, publish, db):
    waiting = [contact_received() for _ in range(3)]
    async with service(smtp_server.url, NOTIFICATIONS_STAFF_EMAILS=[],
                       NOTIFICATIONS_FIRST_BACKOFF=60.0, NOTIFICATIONS_MAX_BACKOFF=600.0):
        smtp_server.stop()
        await publish(*waiting)
        await wait_for(lambda: db.fetchval(
            "SELECT count(*) = 3 FROM deliveries WHERE last_error_kind = 'unreachable' "
            "AND status = 'pending' AND next_attempt_at > now() + interval '30 seconds'"),
            message="three messages waiting a minute for the mail server")
        smtp_server.start()
        back = contact_received()
        await publish(back)  # the first message to go through shows the server is back
        for event in [back, *waiting]:
            await smtp_server.wait_for_messages(to=event.data.email, timeout=10)
