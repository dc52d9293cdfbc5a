"""The staff API: the delivery log (filters, paging), committees, templates; who may call."""

import uuid

from shared.auth import Role
from tests.support.waiting import wait_for

from .events import contact_received


async def test_the_log_needs_a_staff_token(service, smtp_server):
    async with service(smtp_server.url) as svc:
        assert (await svc.client.get("/api/notifications")).status_code == 401
        bad = {"Authorization": "Bearer not-a-token"}
        assert (await svc.client.get("/api/notifications", headers=bad)).status_code == 401
        committee = svc.committee("32013")
        assert (await svc.client.get("/api/notifications", headers=committee)).status_code == 403
        assert (await svc.client.put("/api/committees/32013", headers=committee,
                                     json={"village_name": "Auch",
                                           "email": "a@example.org"})).status_code == 403


async def test_the_log_newest_first_filtered_and_paged(service, smtp_server, publish):
    events = [contact_received() for _ in range(5)]
    async with service(smtp_server.url) as svc:
        for event in events:
            await publish(event)
            await smtp_server.wait_for_messages(to=event.data.email, timeout=60)
        await wait_for(lambda: len(smtp_server.to(svc.staff_email)) == 5, timeout=60,
                       message="alerts")
        staff = svc.staff()

        async def all_recorded_sent() -> bool:  # the server has them; the outcome follows
            listed = await svc.client.get("/api/notifications", headers=staff, params={
                "template": "contact.acknowledgement", "status": "sent", "limit": 10})
            return len(listed.json()["items"]) == 5

        await wait_for(all_recorded_sent, message="the five acknowledgements recorded sent")
        acks, cursor = [], None
        while True:
            params = {"template": "contact.acknowledgement", "limit": 2, "status": "sent",
                      "channel": "email"} | ({"cursor": cursor} if cursor else {})
            page = (await svc.client.get("/api/notifications", headers=staff,
                                         params=params)).json()
            acks += page["items"]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        alerts = (await svc.client.get("/api/notifications", headers=staff, params={
            "recipient": svc.staff_email.upper()})).json()["items"]
        detail = (await svc.client.get(f"/api/notifications/{acks[0]['id']}",
                                       headers=staff)).json()
        missing = await svc.client.get(f"/api/notifications/{uuid.uuid4()}", headers=staff)
        bad_cursor = await svc.client.get("/api/notifications", headers=staff,
                                          params={"cursor": "nonsense"})

    assert [a["recipient"] for a in acks] == [e.data.email for e in reversed(events)]
    assert all(a["status"] == "sent" and a["attempts"] == 1 and a["last_error"] is None
               for a in acks)
    assert len(alerts) == 5 and {a["template"] for a in alerts} == {"contact.staff_alert"}
    assert detail["body_text"].startswith("Bonjour Camille") and detail["message_id"]
    assert missing.status_code == 404
    assert bad_cursor.status_code == 422
    assert bad_cursor.json()["detail"][0]["loc"] == ["query", "cursor"]


async def test_committees_are_validated_and_their_secret_kept_or_rotated(service, smtp_server):
    async with service(smtp_server.url) as svc:
        staff = svc.staff()
        put = lambda body, code="32004": svc.client.put(  # noqa: E731
            f"/api/committees/{code}", headers=staff, json=body)
        neither = await put({"village_name": "Arblade-le-Bas"})
        ftp = await put({"village_name": "Arblade-le-Bas", "webhook_url": "ftp://example.org/x"})
        bad_code = await put({"village_name": "X", "email": "a@example.org"}, code="abc")
        bad_email = await put({"village_name": "Arblade-le-Bas", "email": "nope"})
        created = await put({"village_name": "Arblade-le-Bas", "email": "Welcome@Example.org",
                             "webhook_url": "https://hooks.example.org/marciac",
                             "digest": "weekly", "locale": "en"})
        kept = await put({"village_name": "Arblade-le-Bas", "email": "welcome@example.org",
                          "webhook_url": "https://hooks.example.org/v2", "locale": "en"})
        rotated = await put({"village_name": "Arblade-le-Bas", "email": "welcome@example.org",
                             "webhook_url": "https://hooks.example.org/v2",
                             "rotate_secret": True})
        own = await svc.client.get("/api/committees/32004", headers=svc.committee("32004"))
        other = await svc.client.get("/api/committees/32004", headers=svc.committee("32013"))
        listed = await svc.client.get("/api/committees", headers=staff)
        deleted = await svc.client.delete("/api/committees/32004", headers=staff)
        gone = await svc.client.get("/api/committees/32004", headers=staff)

    assert neither.status_code == 422 and neither.json()["detail"][0]["loc"] == ["body", "email"]
    assert ftp.status_code == 422 and ftp.json()["detail"][0]["loc"] == ["body", "webhook_url"]
    assert bad_code.status_code == 422 and bad_email.status_code == 422
    assert created.status_code == 201
    body = created.json()
    assert body["email"] == "welcome@example.org" and body["digest"] == "weekly"
    assert len(body["webhook_secret"]) == 64 and body["is_demo"] is False
    assert kept.status_code == 200 and kept.json()["webhook_secret"] == body["webhook_secret"]
    assert rotated.json()["webhook_secret"] != body["webhook_secret"]
    assert own.status_code == 200 and other.status_code == 403
    assert [c["insee_code"] for c in listed.json()] == ["32004"]
    assert deleted.status_code == 204 and gone.status_code == 404


async def test_a_template_override_is_checked_then_used(service, smtp_server, publish):
    event = contact_received(first_name="Léa")
    async with service(smtp_server.url) as svc:
        staff = svc.staff()
        url = "/api/templates/contact.acknowledgement/fr"
        original = (await svc.client.get(url, headers=staff)).json()
        broken = await svc.client.put(url, headers=staff, json={
            "subject": "Bonjour {{ nickname }}", "body_text": "x", "body_html": "<p>x</p>"})
        unsafe = await svc.client.put(url, headers=staff, json={
            "subject": "ok", "body_text": "{{ first_name.__class__.__base__ }}",
            "body_html": "<p>x</p>"})
        nested = await svc.client.put(url, headers=staff, json={
            "subject": "{{" + "(" * 3000 + "1" + ")" * 3000 + "}}", "body_text": "x",
            "body_html": "x"})
        unknown = await svc.client.get("/api/templates/nope/fr", headers=staff)
        saved = await svc.client.put(url, headers=staff, json={
            "subject": "Merci {{ first_name }}, à très vite",
            "body_text": "Bonjour {{ first_name }}, merci !",
            "body_html": "<p>Bonjour {{ first_name }}, merci !</p>"})
        listed = (await svc.client.get("/api/templates", headers=staff)).json()
        await publish(event)
        [mail] = await smtp_server.wait_for_messages(to=event.data.email)
        reverted = await svc.client.delete(url, headers=staff)
        again = await svc.client.delete(url, headers=staff)

    assert original["source"] == "file" and "Et maintenant ?" in original["body_text"]
    assert broken.status_code == 422 and broken.json()["detail"][0]["loc"] == ["body", "subject"]
    assert unsafe.status_code == 422
    assert unsafe.json()["detail"][0]["loc"] == ["body", "body_text"]
    assert nested.status_code == 422
    assert unknown.status_code == 404
    assert saved.status_code == 200 and saved.json()["source"] == "override"
    [ack] = [t for t in listed if t["name"] == "contact.acknowledgement"]
    assert ack["locales"]["fr"]["overridden"] and ack["locales"]["fr"]["updated_by"] == "test-staff"
    assert not ack["locales"]["en"]["overridden"] and ack["essential"]
    assert mail.message["Subject"] == "Merci Léa, à très vite"
    assert mail.message.get_body(("plain",)).get_content().strip() == "Bonjour Léa, merci !"
    assert reverted.status_code == 204 and again.status_code == 404


async def test_a_solo_token_cannot_read_the_log(service, smtp_server):
    async with service(smtp_server.url) as svc:
        headers = svc.token(Role.SOLO, member=uuid.uuid4())
        assert (await svc.client.get("/api/notifications", headers=headers)).status_code == 403
