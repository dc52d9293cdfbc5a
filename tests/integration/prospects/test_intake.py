"""POST /api/contacts and staff-recorded contacts, on the real database and broker."""

import asyncio
import uuid

from services.prospects.app import SERVICE
from tests.support.service_app import running_service
from tests.support.waiting import wait_for

from .helpers import counts, events_about, person


async def wait_for_event(listener, event_type: str, subject: str) -> dict:
    found = await wait_for(lambda: events_about(listener, event_type, subject), timeout=20,
                           message=f"{event_type} about {subject}")
    return found[0]


async def test_a_contact_is_accepted_and_an_outside_listener_receives_contact_received(
        prospects, listener):
    body = person(phone="+33 6 12 34 56 78", locale="en", message="Hello!\nWe are four.",
                  profession="UX designer", sector="digital", origin_city="Rotterdam",
                  origin_country="nl", household_adults=2, household_children=2,
                  desired_villages=["32233", "32013"], move_horizon="within_a_year")
    response = await prospects.client.post("/api/contacts", json=body)

    assert response.status_code == 202
    answer = response.json()
    assert answer["is_new_prospect"] is True
    event = await wait_for_event(listener, "contact.received", answer["prospect_id"])
    assert event["source"] == "/soho/prospects"
    assert event["data"] == {
        "contact_id": answer["contact_id"], "prospect_id": answer["prospect_id"],
        "is_new_prospect": True, "channel": "web", "first_name": "Camille",
        "last_name": body["last_name"], "email": body["email"], "locale": "en",
        "origin_country": "NL", "profession": "UX designer", "household_size": 4,
        "desired_villages": ["32233", "32013"], "message": "Hello!\nWe are four.",
        "sector": "digital", "origin_city": "Rotterdam", "move_horizon": "within_a_year"}


async def test_the_same_email_however_written_is_the_same_prospect(prospects, db, listener):
    first = person()
    tag = first["email"].split("@")[0]
    spellings = [first["email"], f"  {tag.upper()}@EXAMPLE.ORG ",
                 f"{tag}@ｅｘａｍｐｌｅ.ｏｒｇ"]  # full-width: the same under NFKC
    answers = []
    for email in spellings:
        response = await prospects.client.post("/api/contacts", json=first | {"email": email})
        assert response.status_code == 202, response.text
        answers.append(response.json())

    assert len({a["prospect_id"] for a in answers}) == 1
    assert [a["is_new_prospect"] for a in answers] == [True, False, False]
    assert len({a["contact_id"] for a in answers}) == 3
    prospect_id = uuid.UUID(answers[0]["prospect_id"])
    assert await db.fetchval("SELECT count(*) FROM contacts WHERE prospect_id = $1",
                             prospect_id) == 3
    detail = (await prospects.client.get(f"/api/prospects/{prospect_id}",
                                         headers=prospects.staff())).json()
    assert [(e["kind"], e["details"]["contact_id"]) for e in detail["timeline"]] == [
        ("contact", a["contact_id"]) for a in answers]
    await wait_for(lambda: len(events_about(listener, "contact.received",
                                            str(prospect_id))) == 3,
                   timeout=20, message="three contact.received")


async def test_an_idempotency_key_replays_the_first_answer_and_publishes_nothing_new(
        prospects, db, listener):
    body, key = person(), str(uuid.uuid4())
    first = await prospects.client.post("/api/contacts", json=body,
                                        headers={"Idempotency-Key": key})
    retry = await prospects.client.post("/api/contacts", json=body,
                                        headers={"Idempotency-Key": key})

    assert first.status_code == retry.status_code == 202
    assert retry.json() == first.json()
    assert retry.headers["Idempotent-Replayed"] == "true"
    prospect_id = first.json()["prospect_id"]
    assert await db.fetchval("SELECT count(*) FROM contacts WHERE prospect_id = $1",
                             uuid.UUID(prospect_id)) == 1
    # The relay publishes in outbox order: once a later event is out, so is all before it.
    sentinel = (await prospects.client.post("/api/contacts", json=person())).json()
    await wait_for_event(listener, "contact.received", sentinel["prospect_id"])
    assert len(events_about(listener, "contact.received", prospect_id)) == 1


async def test_concurrent_retries_with_one_key_make_one_contact(prospects, db):
    body, key = person(), str(uuid.uuid4())
    responses = await asyncio.gather(*[
        prospects.client.post("/api/contacts", json=body, headers={"Idempotency-Key": key})
        for _ in range(6)])
    assert {r.status_code for r in responses} == {202}
    assert len({r.json()["contact_id"] for r in responses}) == 1
    assert await db.fetchval("SELECT count(*) FROM contacts WHERE prospect_id = $1",
                             uuid.UUID(responses[0].json()["prospect_id"])) == 1


async def test_a_key_reused_for_another_request_is_a_conflict(prospects, db):
    key = str(uuid.uuid4())
    assert (await prospects.client.post("/api/contacts", json=person(),
                                        headers={"Idempotency-Key": key})).status_code == 202
    before = await counts(db)
    reused = await prospects.client.post("/api/contacts", json=person(),
                                         headers={"Idempotency-Key": key})
    assert reused.status_code == 409
    assert await counts(db) == before


async def test_concurrent_first_contacts_of_one_person_make_one_prospect(prospects, db):
    body = person()
    responses = await asyncio.gather(*[prospects.client.post("/api/contacts", json=body)
                                       for _ in range(5)])
    assert {r.status_code for r in responses} == {202}
    assert len({r.json()["prospect_id"] for r in responses}) == 1
    assert sum(r.json()["is_new_prospect"] for r in responses) == 1


async def test_staff_record_a_contact_that_came_by_phone(prospects, db, listener):
    body = person(channel="phone", message="Called after the Salon in Paris")
    response = await prospects.client.post("/api/contacts/recorded", json=body,
                                           headers=prospects.staff())

    assert response.status_code == 202, response.text
    answer = response.json()
    row = await db.fetchrow("SELECT channel, recorded_by, consent_source FROM contacts "
                            "WHERE id = $1", uuid.UUID(answer["contact_id"]))
    assert dict(row) == {"channel": "phone", "recorded_by": "test-staff",
                         "consent_source": "phone"}
    event = await wait_for_event(listener, "contact.received", answer["prospect_id"])
    assert event["data"]["channel"] == "phone"
    # The same person later writes through the form: same prospect, both on the timeline.
    again = await prospects.client.post("/api/contacts", json=person(email=body["email"]))
    assert again.json()["prospect_id"] == answer["prospect_id"]


async def test_recording_a_contact_takes_a_staff_token(prospects, db):
    body = person(channel="event")
    before = await counts(db)
    assert (await prospects.client.post("/api/contacts/recorded", json=body)).status_code == 401
    bad = {"Authorization": "Bearer not-a-token"}
    assert (await prospects.client.post("/api/contacts/recorded", json=body,
                                        headers=bad)).status_code == 401
    committee = prospects.committee("32013")
    assert (await prospects.client.post("/api/contacts/recorded", json=body,
                                        headers=committee)).status_code == 403
    assert await counts(db) == before


async def test_too_many_contacts_from_one_address_get_429(database_url, amqp_url, db):
    async with running_service(SERVICE, database_url, amqp_url,
                               contact_rate_limit="3/day") as strict:  # a day: see test_form_abuse
        accepted = [await strict.client.post("/api/contacts", json=person()) for _ in range(3)]
        assert [r.status_code for r in accepted] == [202, 202, 202]
        before = await counts(db)
        refused = await strict.client.post("/api/contacts", json=person())
        assert refused.status_code == 429
        assert int(refused.headers["Retry-After"]) >= 1
        # Counted before the body is read: a flood of bad bodies is refused the same way.
        assert (await strict.client.post("/api/contacts", content=b"{")).status_code == 429
        assert await counts(db) == before


async def test_each_contact_event_names_its_prospect_whether_new_or_found(prospects, listener):
    """The statement that finds or creates the prospect also writes the event, and fills in
    what only it knows: the prospect's id (the event's subject too) and whether it is new.
    The request's correlation id travels with the event."""
    first = person()
    ids = []
    for n, email in enumerate([first["email"], first["email"].upper()]):
        response = await prospects.client.post(
            "/api/contacts", json=first | {"email": email},
            headers={"X-Correlation-ID": f"intake-{n}-{first['email']}"})
        assert response.status_code == 202, response.text
        ids.append(response.json())
    assert ids[0]["prospect_id"] == ids[1]["prospect_id"]

    contacts = {answer["contact_id"] for answer in ids}

    def both_events():
        found = [r for r in listener.received if r.routing_key == "contact.received"
                 and r.body["data"]["contact_id"] in contacts]
        return found if len(found) == 2 else None

    events = await wait_for(both_events, timeout=20, message="both contact.received")
    by_contact = {e.body["data"]["contact_id"]: e for e in events}
    for n, answer in enumerate(ids):
        event = by_contact[answer["contact_id"]]
        assert event.body["subject"] == answer["prospect_id"]
        assert event.body["data"]["prospect_id"] == answer["prospect_id"]
        assert event.body["data"]["is_new_prospect"] is (n == 0)
        assert event.message.correlation_id == f"intake-{n}-{first['email']}"
