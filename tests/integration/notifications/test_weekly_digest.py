"""Committees that chose a weekly digest get one message listing the week's arrivals."""

import datetime

from services.notifications.use_cases.digest import compose_due_digests
from tests.support.waiting import wait_for

from .events import contact_received, solo_installed, unique_email


async def test_a_weekly_committee_gets_one_digest_of_its_arrivals(service, smtp_server,
                                                                  publish, db):
    committee_email = unique_email("lectoure")
    contacts = [contact_received(first_name=name) for name in ("Léa", "Tom")]
    arrivals = [solo_installed(c.data.prospect_id, insee_code="32002", name="Ansan")
                for c in contacts]
    async with service(smtp_server.url) as svc:
        response = await svc.client.put("/api/committees/32002", headers=svc.staff(), json={
            "village_name": "Ansan", "email": committee_email, "digest": "weekly"})
        assert response.status_code == 201
        await publish(*contacts, *arrivals)
        await wait_for(lambda: db.fetchval(
            "SELECT count(*) = 2 FROM digest_items WHERE insee_code = '32002'"),
            message="both arrivals kept for the digest")
        pool, settings = svc.app.state.pool, svc.app.state.settings
        now = datetime.datetime.now(datetime.UTC)
        assert await compose_due_digests(pool, settings, now=now) == 0  # not this week yet
        next_week = now + datetime.timedelta(days=7)
        assert await compose_due_digests(pool, settings, now=next_week) == 1
        assert await compose_due_digests(pool, settings, now=next_week) == 0
        [digest] = await smtp_server.wait_for_messages(to=committee_email)
        assert await db.fetchval("SELECT count(*) FROM deliveries WHERE recipient = $1 "
                                 "AND template = 'solo.arrival'", committee_email) == 0

    assert digest.message["Subject"] == "Ansan : 2 arrivée(s) cette semaine"
    text = digest.message.get_body(("plain",)).get_content()
    assert "Léa" in text and "Tom" in text
    assert digest.message["List-Unsubscribe"]
    assert len(smtp_server.to(committee_email)) == 1
