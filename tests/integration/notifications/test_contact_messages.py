"""contact.received: the person's acknowledgement in their language, the staff alert; once."""

from email.message import EmailMessage

from tests.support.waiting import wait_for

from .events import contact_received


def parts(message: EmailMessage) -> tuple[str, str]:
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return text, html


async def test_the_person_is_acknowledged_in_french_and_staff_alerted(
        service, smtp_server, publish, listener):
    event = contact_received(locale="fr", first_name="Camille")
    async with service(smtp_server.url) as svc:
        await publish(event)
        [ack] = await smtp_server.wait_for_messages(to=event.data.email)
        [alert] = await smtp_server.wait_for_messages(to=svc.staff_email)
        sent = await wait_for(lambda: [r for r in listener.received
                                       if r.routing_key == "notification.sent"
                                       and r.body["data"]["event_id"] == str(event.id)]
                              if len([r for r in listener.received
                                      if r.routing_key == "notification.sent"
                                      and r.body["data"]["event_id"] == str(event.id)]) == 2
                              else None, message="two notification.sent events")

    message = ack.message
    assert message["Subject"] == "Soho Solo : nous avons bien reçu votre message"
    assert message["Content-Language"] == "fr"
    assert message["Message-ID"].endswith("@soho-solo.example.org>")
    assert message["List-Unsubscribe"] is None  # an acknowledgement is essential
    text, html = parts(message)
    assert "Bonjour Camille" in text and "Et maintenant ?" in text
    assert "sous cinq jours ouvrés" in text
    assert '<html lang="fr">' in html and "Bonjour Camille" in html

    alert_text, _ = parts(alert.message)
    assert event.data.last_name in alert.message["Subject"]
    assert event.data.email in alert_text and "Nous aimerions vivre à Lectoure." in alert_text
    assert {r.body["data"]["recipient"] for r in sent} == {event.data.email, svc.staff_email}
    assert {r.body["data"]["template"] for r in sent} == {"contact.acknowledgement",
                                                          "contact.staff_alert"}


async def test_english_speakers_get_english(service, smtp_server, publish):
    event = contact_received(locale="en", first_name="Alice")
    async with service(smtp_server.url) as svc:
        await publish(event)
        [ack] = await smtp_server.wait_for_messages(to=event.data.email)
    assert ack.message["Subject"] == "Soho Solo: we have received your message"
    assert ack.message["Content-Language"] == "en"
    text, html = parts(ack.message)
    assert "Hello Alice" in text and "What happens next?" in text
    assert '<html lang="en">' in html


async def test_the_same_event_twice_sends_once(service, smtp_server, publish, db):
    event = contact_received()
    later = contact_received()
    async with service(smtp_server.url) as svc:
        await publish(event, event, later)
        await smtp_server.wait_for_messages(to=later.data.email)
        await wait_for(lambda: db.fetchval(
            "SELECT count(*) = 0 FROM deliveries WHERE status IN ('pending', 'sending')"),
            message="nothing left to send")
        alerts = smtp_server.to(svc.staff_email)
    assert len(smtp_server.to(event.data.email)) == 1
    assert len(alerts) == 2  # one per distinct contact
    assert await db.fetchval("SELECT count(*) FROM deliveries WHERE event_id = $1", event.id) == 2
