"""GDPR: consent kept with its text, the export, erasure, and the retention job."""

import asyncio
import os
import sys
import uuid
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from services.prospects.domain.contact import ContactIn
from services.prospects.use_cases import intake
from services.prospects.use_cases.erasure import apply_retention
from shared.db import create_pool
from tests.support.waiting import wait_for

from .helpers import events_about, person


async def test_a_prospect_without_consent_cannot_exist(db):
    with pytest.raises(asyncpg.NotNullViolationError):
        await db.execute(
            "INSERT INTO prospects (id, email, email_key, first_name, last_name, created_at, "
            "last_contact_at, search_text, sort_name) "
            "VALUES ($1, 'a@example.org', 'a@example.org', 'A', 'B', now(), now(), 'a', 'b')",
            uuid.uuid4())


async def test_consent_is_kept_with_its_version_time_source_and_text(prospects):
    answer = (await prospects.client.post("/api/contacts", json=person(locale="en"))).json()
    detail = (await prospects.client.get(f"/api/prospects/{answer['prospect_id']}",
                                         headers=prospects.staff())).json()
    consent = detail["consent"]
    assert consent["version"] == "2025-01" and consent["source"] == "api"
    assert consent["text"].startswith("I agree that the Soho Solo team")
    assert datetime.fromisoformat(consent["given_at"]) <= datetime.now(UTC)
    assert detail["contacts"][0]["consent"] == consent


async def test_the_export_holds_everything_about_the_person(prospects):
    body = person(phone="0612345678", message="Bonjour", desired_villages=["32013"])
    pid = (await prospects.client.post("/api/contacts", json=body)).json()["prospect_id"]
    await prospects.client.post(f"/api/prospects/{pid}/notes", json={"text": "Called back"},
                                headers=prospects.staff())
    response = await prospects.client.get(f"/api/prospects/{pid}/export",
                                          headers=prospects.staff())

    assert response.status_code == 200
    assert response.headers["content-disposition"] == \
        f'attachment; filename="prospect-{pid}.json"'
    export = response.json()
    held = export["prospect"]
    assert held["email"] == body["email"] and held["phone"] == "0612345678"
    assert held["contacts"][0]["submitted"]["message"] == "Bonjour"
    assert held["consent"]["text"].startswith("J'accepte")
    assert [e["kind"] for e in held["timeline"]] == ["contact", "note"]
    assert (await prospects.client.get(f"/api/prospects/{pid}/export")).status_code == 401


async def test_erasure_forgets_the_person_keeps_the_counts_and_publishes(
        prospects, db, listener):
    body = person(message="My private plans", origin_country="BE", sector="health")
    pid = (await prospects.client.post("/api/contacts", json=body)).json()["prospect_id"]
    staff = prospects.staff()
    await prospects.client.post(f"/api/prospects/{pid}/notes", json={"text": "Has 3 kids"},
                                headers=staff)
    await wait_for(lambda: events_about(listener, "contact.received", pid), timeout=20)
    await wait_for(lambda: db.fetchval("SELECT count(*) = 0 FROM outbox WHERE subject = $1 "
                                       "AND published_at IS NULL", pid), timeout=20)
    total_before = await db.fetchval("SELECT count(*) FROM prospects")

    response = await prospects.client.delete(f"/api/prospects/{pid}", headers=staff)

    assert response.status_code == 202
    assert response.json()["prospect_id"] == pid
    [erased] = await wait_for(lambda: events_about(listener, "prospect.erased", pid),
                              timeout=20, message="prospect.erased")
    assert erased["data"] == {"prospect_id": pid}
    row = await db.fetchrow("SELECT * FROM prospects WHERE id = $1", uuid.UUID(pid))
    assert all(row[c] is None for c in ("email", "email_key", "first_name", "last_name",
                                        "phone", "search_text"))
    assert (row["stage"], row["origin_country"], row["sector"]) == ("new", "BE", "health")
    assert await db.fetchval("SELECT count(*) FROM prospects") == total_before
    assert await db.fetchval("SELECT count(*) FROM contacts WHERE prospect_id = $1 "
                             "AND submitted IS NOT NULL", uuid.UUID(pid)) == 0
    notes = await db.fetch("SELECT details FROM timeline WHERE prospect_id = $1 "
                           "AND kind = 'note'", uuid.UUID(pid))
    assert "Has 3 kids" not in str(notes)
    published = await db.fetch("SELECT body FROM outbox WHERE subject = $1", pid)
    assert not any(body["email"].encode() in r["body"] for r in published)

    assert (await prospects.client.get(f"/api/prospects/{pid}", headers=staff)).status_code \
        == 410
    again = await prospects.client.delete(f"/api/prospects/{pid}", headers=staff)
    assert again.status_code == 202
    unknown = await prospects.client.delete(f"/api/prospects/{uuid.uuid4()}", headers=staff)
    assert unknown.status_code == 404
    # The same person writing again is a new prospect, with nothing of the old one.
    back = (await prospects.client.post("/api/contacts", json=person(email=body["email"]))
            ).json()
    assert back["is_new_prospect"] and back["prospect_id"] != pid
    sentinel = back["prospect_id"]
    await wait_for(lambda: events_about(listener, "contact.received", sentinel), timeout=20)
    assert len(events_about(listener, "prospect.erased", pid)) == 1


NOW = datetime(2024, 6, 1, tzinfo=UTC)  # the injected clock: "today" for these tests


async def contact_at(pool, when: datetime, **changes) -> uuid.UUID:
    outcome = await intake.record_contact(pool, ContactIn.model_validate(person(**changes)),
                                          intake.Origin("web", "api"), now=when)
    return outcome.accepted.prospect_id


@pytest.fixture
async def pool(database_url):
    pool = await create_pool(database_url, "prospects")
    yield pool
    await pool.close()


async def test_retention_anonymises_who_has_not_been_in_touch_for_three_years(
        pool, db, listener):
    silent = await contact_at(pool, NOW - timedelta(days=3 * 365 + 10))
    recent = await contact_at(pool, NOW - timedelta(days=3 * 365 - 10))
    returned_email = person()["email"]  # silent for years, then wrote again
    returned = await contact_at(pool, NOW - timedelta(days=2000), email=returned_email)
    await contact_at(pool, NOW - timedelta(days=30), email=returned_email)
    installing = await contact_at(pool, NOW - timedelta(days=2000))
    await db.execute("UPDATE prospects SET stage = 'installing' WHERE id = $1", installing)

    reports = await asyncio.gather(*[  # two runs at once share the work
        apply_retention(pool, now=NOW, retention=timedelta(days=3 * 365),
                        idempotency_ttl=timedelta(days=7)) for _ in range(2)])

    erased = {r["id"] for r in await db.fetch(
        "SELECT id FROM prospects WHERE erased_at = $1", NOW)}
    assert silent in erased
    assert not erased & {recent, returned, installing}
    assert sum(r.anonymised for r in reports) == len(erased)
    await wait_for(lambda: events_about(listener, "prospect.erased", str(silent)), timeout=20)
    rerun = await apply_retention(pool, now=NOW, retention=timedelta(days=3 * 365),
                                  idempotency_ttl=timedelta(days=7))
    assert rerun.anonymised == 0


async def test_the_soho_command_runs_retention_with_its_configured_period(pool, db,
                                                                          database_url):
    as_of = datetime(2023, 1, 1, tzinfo=UTC)
    old = await contact_at(pool, as_of - timedelta(days=400))
    kept = await contact_at(pool, as_of - timedelta(days=200))
    env = {**os.environ, "DATABASE_URL": database_url, "PROSPECTS_RETENTION_DAYS": "365"}

    async def soho(*args: str) -> str:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "soho", "prospects", "retention", *args, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
        output, _ = await asyncio.wait_for(process.communicate(), 60)
        assert process.returncode == 0, output.decode()
        return output.decode()

    dry = await soho("--as-of", "2023-01-01", "--dry-run")
    assert "would anonymise" in dry
    assert await db.fetchval("SELECT erased_at FROM prospects WHERE id = $1", old) is None
    done = await soho("--as-of", "2023-01-01")
    assert "anonymised" in done and "since 2022-01-01" in done
    assert await db.fetchval("SELECT erased_at FROM prospects WHERE id = $1", old) == as_of
    assert await db.fetchval("SELECT erased_at FROM prospects WHERE id = $1", kept) is None
