"""The staff pipeline: stages, notes, assignment, the timeline; qualification and
prospect.qualified; onboarding's solo.installed."""

import uuid
from datetime import UTC, datetime

import aio_pika

from shared.bus.topology import EVENTS_EXCHANGE
from shared.events import CONTENT_TYPE, InstalledVillage, SoloInstalled, new_event
from tests.support.waiting import wait_for

from .helpers import events_about, person

QUALIFICATION = {"remote_work_viability": "confirmed", "household_adults": 2,
                 "household_children": 1, "target_villages": ["32233", "32013"],
                 "move_horizon": "within_6_months", "sector": "engineering",
                 "notes": "Employer agreed to full remote."}


async def new_prospect(prospects, **changes) -> str:
    response = await prospects.client.post("/api/contacts", json=person(**changes))
    return response.json()["prospect_id"]


async def test_stages_notes_and_assignment_are_on_the_timeline_with_who_and_when(prospects):
    pid = await new_prospect(prospects)
    marie = prospects.token(sub="marie")
    started = datetime.now(UTC)
    client = prospects.client

    assert (await client.put(f"/api/prospects/{pid}/assignee", json={"assigned_to": "marie"},
                             headers=marie)).status_code == 200
    assert (await client.post(f"/api/prospects/{pid}/stage", json={"stage": "contacted"},
                              headers=marie)).status_code == 200
    noted = await client.post(f"/api/prospects/{pid}/notes",
                              json={"text": "Visio on Tuesday."}, headers=marie)
    assert noted.status_code == 201
    lost = await client.post(f"/api/prospects/{pid}/stage",
                             json={"stage": "lost", "reason": "Chose the Ariège"},
                             headers=prospects.staff())

    assert lost.status_code == 200
    detail = lost.json()
    assert detail["stage"] == "lost" and detail["lost_reason"] == "Chose the Ariège"
    assert detail["assigned_to"] == "marie"
    entries = [(e["kind"], e["actor"], e["details"]) for e in detail["timeline"]]
    assert entries == [
        ("contact", "api", {"contact_id": detail["contacts"][0]["id"], "channel": "web"}),
        ("assignment", "marie", {"from": None, "to": "marie"}),
        ("stage", "marie", {"from": "new", "to": "contacted"}),
        ("note", "marie", {"text": "Visio on Tuesday."}),
        ("stage", "test-staff", {"from": "contacted", "to": "lost",
                                 "reason": "Chose the Ariège"}),
    ]
    times = [datetime.fromisoformat(e["at"]) for e in detail["timeline"][1:]]
    assert started <= times[0] and times == sorted(times) and times[-1] <= datetime.now(UTC)


async def test_impossible_moves_are_conflicts_and_bad_ones_name_the_field(prospects):
    pid = await new_prospect(prospects)
    client, staff = prospects.client, prospects.staff()
    skip = await client.post(f"/api/prospects/{pid}/stage", json={"stage": "installed"},
                             headers=staff)
    assert skip.status_code == 409
    no_reason = await client.post(f"/api/prospects/{pid}/stage", json={"stage": "lost"},
                                  headers=staff)
    assert no_reason.status_code == 422
    assert no_reason.json()["detail"][0]["loc"] == ["body", "reason"]
    unknown = uuid.uuid4()
    assert (await client.post(f"/api/prospects/{unknown}/stage", json={"stage": "contacted"},
                              headers=staff)).status_code == 404
    assert (await client.post(f"/api/prospects/{pid}/stage", json={"stage": "contacted"})
            ).status_code == 401


async def test_qualifying_records_the_facts_and_score_and_publishes_prospect_qualified(
        prospects, listener):
    pid = await new_prospect(prospects, locale="en", origin_country="GB")
    response = await prospects.client.post(f"/api/prospects/{pid}/qualify",
                                           json=QUALIFICATION, headers=prospects.staff())

    assert response.status_code == 200, response.text
    detail = response.json()
    assert detail["stage"] == "qualified"
    qualification = detail["qualification"]
    assert qualification["score"] == 100 == detail["score"]
    assert {r["factor"] for r in qualification["score_reasons"]} >= {
        "remote_work_viability", "move_horizon"}
    assert qualification["qualified_by"] == "test-staff"
    assert detail["household_size"] == 3 and detail["target_villages"] == ["32233", "32013"]

    [event] = await wait_for(lambda: events_about(listener, "prospect.qualified", pid),
                             timeout=20, message="prospect.qualified")
    assert event["data"] == {
        "prospect_id": pid, "first_name": detail["first_name"],
        "last_name": detail["last_name"], "email": detail["email"], "locale": "en",
        "household_size": 3, "sector": "engineering", "origin_country": "GB",
        "target_villages": ["32233", "32013"], "qualified_by": "test-staff",
        "move_horizon": "within_6_months", "score": 100, "remote_work_viability": "confirmed",
        "children": 1}


async def test_prospect_qualified_says_how_many_of_the_household_are_children(
        prospects, listener):
    pid = await new_prospect(prospects)
    family = QUALIFICATION | {"household_adults": 2, "household_children": 2}
    response = await prospects.client.post(f"/api/prospects/{pid}/qualify", json=family,
                                           headers=prospects.staff())

    assert response.status_code == 200, response.text
    [event] = await wait_for(lambda: events_about(listener, "prospect.qualified", pid),
                             timeout=20, message="prospect.qualified")
    assert event["data"]["household_size"] == 4
    assert event["data"].get("children") == 2


async def test_qualifying_twice_is_a_conflict_and_publishes_once(prospects, listener):
    pid = await new_prospect(prospects)
    staff = prospects.staff()
    first = await prospects.client.post(f"/api/prospects/{pid}/qualify", json=QUALIFICATION,
                                        headers=staff)
    again = await prospects.client.post(f"/api/prospects/{pid}/qualify", json=QUALIFICATION,
                                        headers=staff)
    assert (first.status_code, again.status_code) == (200, 409)
    sentinel = await new_prospect(prospects)
    await wait_for(lambda: events_about(listener, "contact.received", sentinel), timeout=20)
    assert len(events_about(listener, "prospect.qualified", pid)) == 1


async def publish_solo_installed(amqp_url: str, event) -> None:
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        channel = await connection.channel()
        exchange = await channel.get_exchange(EVENTS_EXCHANGE)
        await exchange.publish(aio_pika.Message(
            event.to_json_bytes(), content_type=CONTENT_TYPE, message_id=str(event.id),
            delivery_mode=aio_pika.DeliveryMode.PERSISTENT), routing_key=event.type)


async def test_solo_installed_moves_the_prospect_to_installed_once(prospects, db, amqp_url):
    pid = await new_prospect(prospects)
    await prospects.client.post(f"/api/prospects/{pid}/qualify", json=QUALIFICATION,
                                headers=prospects.staff())
    installed = new_event(SoloInstalled(
        member_id=uuid.uuid4(), prospect_id=uuid.UUID(pid), case_id=uuid.uuid4(),
        village=InstalledVillage(insee_code="32233", name="Marciac"),
        installed_on="2026-09-01", household_size=3), source="/soho/onboarding", subject=pid)

    await publish_solo_installed(amqp_url, installed)
    await publish_solo_installed(amqp_url, installed)  # redelivered: handled once

    detail = await wait_for(lambda: _detail_when_installed(prospects, pid), timeout=20,
                            message="stage installed")
    # A later event, handled after both copies: the duplicate had its turn by then.
    later = await new_prospect(prospects)
    await publish_solo_installed(amqp_url, new_event(SoloInstalled(
        member_id=uuid.uuid4(), prospect_id=uuid.UUID(later), case_id=uuid.uuid4(),
        village=InstalledVillage(insee_code="32013", name="Auch"),
        installed_on="2026-09-01", household_size=1), source="/soho/onboarding"))
    await wait_for(lambda: _detail_when_installed(prospects, later), timeout=20)
    detail = (await prospects.client.get(f"/api/prospects/{pid}",
                                         headers=prospects.staff())).json()
    installs = [e for e in detail["timeline"] if e["kind"] == "installed"]
    assert len(installs) == 1
    assert installs[0]["actor"] == "onboarding"
    assert installs[0]["details"]["village"] == {"insee_code": "32233", "name": "Marciac"}


async def _detail_when_installed(prospects, pid: str):
    detail = (await prospects.client.get(f"/api/prospects/{pid}",
                                         headers=prospects.staff())).json()
    return detail if detail["stage"] == "installed" else None


async def test_a_solo_installed_about_someone_unknown_is_acknowledged(prospects, db, amqp_url):
    event = new_event(SoloInstalled(
        member_id=uuid.uuid4(), prospect_id=uuid.uuid4(), case_id=uuid.uuid4(),
        village=InstalledVillage(insee_code="32013", name="Auch"),
        installed_on="2026-09-01", household_size=2), source="/soho/onboarding")
    await publish_solo_installed(amqp_url, event)
    await wait_for(lambda: db.fetchval("SELECT true FROM inbox WHERE event_id = $1", event.id),
                   timeout=20, message="handled")
