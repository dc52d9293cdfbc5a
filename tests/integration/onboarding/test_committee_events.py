"""Setting or removing a village's welcome committee publishes committee.changed (through
the outbox), which identity keeps the committee's account from and notifications how to
tell it; a new address, language or webhook is told, the same values sent again are not."""

from tests.support.waiting import wait_for

VILLAGE, VILLAGE_NAME = "32125", "Espas"


def changed(listener, insee_code: str) -> list:
    return [r for r in listener.received if r.routing_key == "committee.changed"
            and r.body["data"]["insee_code"] == insee_code]


async def staged(db, insee_code: str) -> int:
    return await db.fetchval("SELECT count(*) FROM outbox WHERE type = 'committee.changed' "
                             "AND subject = $1", insee_code)


async def test_setting_changing_and_removing_a_committee_publishes_each_change(
        onboarding, listener, db):
    url = f"/api/villages/{VILLAGE}/committee"
    await onboarding.client.delete(url, headers=onboarding.staff())  # whatever a seed left
    already = await staged(db, VILLAGE)
    body = {"email": "comite.espas@example.org", "locale": "fr"}
    first = await onboarding.client.put(url, json=body, headers=onboarding.staff())
    assert first.status_code == 200, first.text

    [received] = await wait_for(lambda: changed(listener, VILLAGE), timeout=20,
                                message="committee.changed outside")
    assert (received.body["source"], received.body["subject"]) == ("/soho/onboarding", VILLAGE)
    assert received.body["data"] == {"insee_code": VILLAGE, "village_name": VILLAGE_NAME,
                                     "email": "comite.espas@example.org", "locale": "fr",
                                     "removed": False}

    # The same values again (a retried PUT): nothing more to tell; a new webhook: told.
    again = await onboarding.client.put(url, json=body, headers=onboarding.staff())
    assert again.status_code == 200
    assert await staged(db, VILLAGE) == already + 1
    hooked = await onboarding.client.put(
        url, json={**body, "webhook_url": "https://example.org/hook"},
        headers=onboarding.staff())
    assert hooked.status_code == 200
    assert await staged(db, VILLAGE) == already + 2
    body = {**body, "webhook_url": "https://example.org/hook"}

    # The committee itself changes its language: identity must know.
    own = onboarding.committee(VILLAGE)
    english = await onboarding.client.put(url, json={**body, "locale": "en"}, headers=own)
    assert english.status_code == 200
    removed = await onboarding.client.delete(url, headers=onboarding.staff())
    assert removed.status_code == 204
    assert (await onboarding.client.delete(url, headers=onboarding.staff())).status_code == 204

    events = await wait_for(lambda: (lambda r: r if len(r) == 4 else None)(
        changed(listener, VILLAGE)), timeout=20, message="the changes and the removal")
    assert [e.body["data"]["locale"] for e in events] == ["fr", "fr", "en", "en"]
    assert [e.body["data"].get("webhook_url") for e in events] == [
        None, "https://example.org/hook", "https://example.org/hook", None]
    removal = events[3].body["data"]
    assert removal.get("email") is None  # an absent field reads as None
    assert {k: v for k, v in removal.items() if k != "email"} == {
        "insee_code": VILLAGE, "village_name": VILLAGE_NAME, "locale": "en", "removed": True}
    assert await staged(db, VILLAGE) == already + 4, "removing twice tells it once"


async def test_an_unknown_village_publishes_nothing(onboarding, db):
    for method in ("PUT", "DELETE"):
        answer = await onboarding.client.request(
            method, "/api/villages/32999/committee", headers=onboarding.staff(),
            json={"email": "x@example.org", "locale": "fr"} if method == "PUT" else None)
        assert answer.status_code == 404, answer.text
    assert await staged(db, "32999") == 0
