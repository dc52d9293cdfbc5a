"""Committee webhooks: loopback refused by default, 5xx retried, 4xx not; a committee
announced by onboarding in solo.installed is learnt, with a secret of its own."""

import json

import pytest

import shared.events.solo_installed as solo_installed_module
from services.notifications.store import committees
from tests.support.waiting import wait_for

from .events import contact_received, solo_installed
from .webhook_receiver import WebhookReceiver

SECRET = "0123456789abcdef0123456789abcdef"


async def record_webhook(db, url: str, insee_code: str = "32107") -> None:
    await committees.put(db, insee_code=insee_code, village_name="Condom", email=None,
                         locale="fr", webhook_url=url, webhook_secret=SECRET, digest="immediate")


async def test_a_webhook_to_loopback_is_refused_by_default(service, smtp_server, publish,
                                                           listener, db):
    async with WebhookReceiver() as receiver:
        # As if it came from an event: only the send-time check stands in the way.
        await record_webhook(db, receiver.url())
        async with service(smtp_server.url) as svc:
            response = await svc.client.put("/api/committees/32107", headers=svc.staff(), json={
                "village_name": "Condom", "webhook_url": receiver.url()})
            assert response.status_code == 422
            assert response.json()["detail"][0]["loc"] == ["body", "webhook_url"]
            installed = solo_installed(contact_received().data.prospect_id, insee_code="32107",
                                       name="Condom")
            await publish(installed)
            [failed] = await wait_for(lambda: [
                r.body["data"] for r in listener.received
                if r.routing_key == "notification.failed"
                and r.body["data"]["event_id"] == str(installed.id)], message="refused")
    assert failed["channel"] == "webhook" and failed["recipient"] == "committee:32107"
    assert "not a public address" in failed["error"]
    assert receiver.requests == []
    row = await db.fetchrow("SELECT * FROM deliveries WHERE event_id = $1", installed.id)
    assert (row["status"], row["attempts"]) == ("failed", 1)


async def test_a_5xx_is_retried_a_4xx_is_not(service, smtp_server, publish, db):
    async with WebhookReceiver() as receiver:
        await record_webhook(db, receiver.url("/ok"), "32107")
        await record_webhook(db, receiver.url("/gone"), "32013")
        receiver.statuses = [503]  # the first request only
        async with service(smtp_server.url, NOTIFICATIONS_ALLOW_PRIVATE_WEBHOOKS=True):
            retried = solo_installed(contact_received().data.prospect_id, insee_code="32107")
            await publish(retried)
            await wait_for(lambda: db.fetchval(
                "SELECT status = 'sent' FROM deliveries WHERE event_id = $1 "
                "AND channel = 'webhook'", retried.id), message="sent after a retry")
            receiver.statuses = [410]
            refused = solo_installed(contact_received().data.prospect_id, insee_code="32013")
            await publish(refused)
            row = await wait_for(lambda: db.fetchrow(
                "SELECT * FROM deliveries WHERE event_id = $1 AND channel = 'webhook' "
                "AND status = 'failed'", refused.id), message="failed on 410")
    first, second, gone = receiver.requests
    assert [first.path, second.path, gone.path] == ["/ok", "/ok", "/gone"]
    assert first.headers["soho-delivery-id"] == second.headers["soho-delivery-id"]
    assert json.loads(first.body) == json.loads(second.body)
    assert row["attempts"] == 1 and row["last_error"] == "HTTP 410"


async def test_a_committee_announced_in_solo_installed_is_learnt(service, smtp_server, publish):
    VillageCommittee = getattr(solo_installed_module, "VillageCommittee", None)
    if VillageCommittee is None:
        pytest.skip("solo.installed carries no committee in this version of the events")
    async with WebhookReceiver() as receiver, service(
            smtp_server.url, NOTIFICATIONS_ALLOW_PRIVATE_WEBHOOKS=True) as svc:
        installed = solo_installed(contact_received().data.prospect_id, insee_code="32396",
                                   name="Saint-Mézard")
        data = installed.data.model_copy(update={"committee": VillageCommittee(
            email="Accueil-StMezard@example.org", locale="en", webhook_url=receiver.url())})
        await publish(installed.model_copy(update={"data": data}))
        await smtp_server.wait_for_messages(to="accueil-stmezard@example.org")
        await wait_for(lambda: receiver.requests, message="the webhook")
        committee = (await svc.client.get("/api/committees/32396", headers=svc.staff())).json()
    assert committee["email"] == "accueil-stmezard@example.org" and committee["locale"] == "en"
    assert committee["webhook_url"] == receiver.url() and len(committee["webhook_secret"]) == 64
    [mail] = smtp_server.to("accueil-stmezard@example.org")
    assert mail.message["Subject"].startswith("A household is moving to Saint-Mézard")
