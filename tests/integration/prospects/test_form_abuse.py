"""The public form and `POST /api/contacts` under abuse: honeypot, fill time, rate limit
(429), body limit (413). Each refusal is checked by its real outcome: the status, what the
person reads (in their language, on the form), and that nothing was stored and no
`contact.received` was staged in the outbox."""

import time
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from services.prospects.app import SERVICE
from services.prospects.web.form_guard import issue_token
from tests.support.service_app import running_service

from .helpers import counts, person

ANOTHER_ADDRESS = ("203.0.113.7", 50123)  # TEST-NET-3: a second visitor
SMALL_BODY_LIMIT = 4096  # bytes; the default (1 MB) is tested in test_bad_input.py


def form(service, **changes) -> dict[str, str]:
    """What a person sends after a minute on the page (a unique, lowercase address)."""
    tag = uuid.uuid4().hex[:8]
    token = issue_token(service.app.state.settings.secret, now=time.time() - 60)
    return {"first_name": "Sanne", "last_name": f"de Vries {tag}",
            "email": f"sanne.{tag}@example.org", "consent": "yes",
            "consent_version": "2025-01", "form_token": token, "website": ""} | changes


async def staged_contacts(db, email: str) -> int:
    """`contact.received` events about this address waiting in (or sent from) the outbox."""
    return await db.fetchval(
        "SELECT count(*) FROM outbox WHERE type = 'contact.received' "
        "AND convert_from(body, 'UTF8')::jsonb #>> '{data,email}' = $1", email)


async def stored_prospects(db, email: str) -> int:
    return await db.fetchval("SELECT count(*) FROM prospects WHERE email = $1", email)


async def nothing_about(db, email: str) -> bool:
    return await stored_prospects(db, email) == 0 and await staged_contacts(db, email) == 0


async def chunks(body: bytes, size: int = 1024) -> AsyncIterator[bytes]:
    """The body streamed without a Content-Length, as a client may send it."""
    for start in range(0, len(body), size):
        yield body[start:start + size]


# Honeypot and fill time: the bot reads exactly what a person reads, in the same language.

@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("bot", ["honeypot", "too fast", "no token"])
async def test_a_bot_reads_the_persons_confirmation_and_nothing_is_staged(prospects, db,
                                                                          lang, bot):
    secret = prospects.app.state.settings.secret
    changes = {"honeypot": {"website": "https://cheap-pills.example"},
               "too fast": {"form_token": issue_token(secret)},  # served this very second
               "no token": {"form_token": ""}}[bot]
    sent = form(prospects, lang=lang, **changes)
    person_sent = form(prospects, lang=lang)

    answer = await prospects.client.post(f"/?lang={lang}", data=sent)
    person_answer = await prospects.client.post(f"/?lang={lang}", data=person_sent)

    assert answer.status_code == person_answer.status_code == 303
    assert answer.headers["location"] == person_answer.headers["location"] == \
        f"/confirmation?lang={lang}"
    page = await prospects.client.get(answer.headers["location"])
    assert f'<html lang="{lang}">' in page.text
    assert {"fr": "Merci, votre demande est bien arrivée",
            "en": "Thank you, your request has arrived"}[lang] in page.text
    assert await nothing_about(db, sent["email"])
    # The same query sees the person's contact: the check above can fail.
    assert await stored_prospects(db, person_sent["email"]) == 1
    assert await staged_contacts(db, person_sent["email"]) == 1


# Rate limit: one budget per address for the form and the API together.

@pytest.fixture
async def strict(database_url, amqp_url):
    # A day's window: the limiter slides a weighted window, so requests that straddle the
    # window's edge would count for less than one each; a minute's edge fell inside a
    # test now and then, a day's does not in practice.
    async with running_service(SERVICE, database_url, amqp_url,
                               contact_rate_limit="2/day") as service:
        yield service


async def test_a_flood_from_one_address_gets_429_in_the_persons_language(strict, db):
    for _ in range(2):
        assert (await strict.client.post("/?lang=en", data=form(strict, lang="en"))
                ).status_code == 303
    refused = form(strict, lang="en", message="Are you still there?")
    answer = await strict.client.post("/?lang=en", data=refused)

    assert answer.status_code == 429
    assert int(answer.headers["Retry-After"]) >= 1
    assert '<html lang="en">' in answer.text
    assert "Too many requests came from your connection" in answer.text
    assert "Are you still there?" in answer.text and refused["email"] in answer.text
    assert await nothing_about(db, refused["email"])


async def test_the_form_and_the_api_share_the_budget_of_an_address(strict, db):
    for _ in range(2):
        assert (await strict.client.post("/api/contacts", json=person())).status_code == 202
    by_form = form(strict)
    by_api = person()

    form_answer = await strict.client.post("/", data=by_form)
    api_answer = await strict.client.post("/api/contacts", json=by_api)

    assert form_answer.status_code == 429 and "Trop de demandes" in form_answer.text
    assert api_answer.status_code == 429
    assert "too many contacts" in api_answer.json()["detail"]
    assert int(api_answer.headers["Retry-After"]) >= 1
    assert await nothing_about(db, by_form["email"])
    assert await nothing_about(db, by_api["email"])


async def test_one_address_flooding_does_not_lock_out_another(strict, db):
    for _ in range(2):
        assert (await strict.client.post("/api/contacts", json=person())).status_code == 202
    assert (await strict.client.post("/api/contacts", json=person())).status_code == 429

    transport = httpx.ASGITransport(app=strict.app, client=ANOTHER_ADDRESS)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as other:
        by_api = person()
        by_form = form(strict)
        assert (await other.post("/api/contacts", json=by_api)).status_code == 202
        assert (await other.post("/", data=by_form)).status_code == 303
    assert await stored_prospects(db, by_api["email"]) == 1
    assert await staged_contacts(db, by_form["email"]) == 1


# Body limit: a body over SOHO_MAX_BODY_BYTES is a 413, declared or streamed.

@pytest.fixture
async def small_bodies(database_url, amqp_url):
    async with running_service(SERVICE, database_url, amqp_url, max_body_bytes=SMALL_BODY_LIMIT,
                               contact_rate_limit="100000/minute") as service:
        yield service


def padded(size: int) -> dict:
    """A valid contact whose JSON body is exactly `size` bytes."""
    body = person(message="")
    missing = size - len(httpx.Request("POST", "/", json=body).content)
    return body | {"message": "x" * missing}


async def test_the_api_takes_a_body_up_to_the_limit_and_refuses_one_byte_more(small_bodies, db):
    at_limit, over = padded(SMALL_BODY_LIMIT), padded(SMALL_BODY_LIMIT + 1)

    accepted = await small_bodies.client.post("/api/contacts", json=at_limit)
    refused = await small_bodies.client.post("/api/contacts", json=over)

    assert accepted.status_code == 202, accepted.text
    assert refused.status_code == 413
    assert refused.json() == {"detail": f"request body larger than {SMALL_BODY_LIMIT} bytes"}
    assert await stored_prospects(db, at_limit["email"]) == 1
    assert await nothing_about(db, over["email"])


async def test_a_streamed_body_over_the_limit_is_a_413_on_the_api(small_bodies, db):
    over = padded(SMALL_BODY_LIMIT * 2)
    before = await counts(db)
    answer = await small_bodies.client.post(
        "/api/contacts", content=chunks(httpx.Request("POST", "/", json=over).content),
        headers={"Content-Type": "application/json"})
    assert answer.status_code == 413, answer.text
    assert await counts(db) == before


async def test_a_form_over_the_limit_is_a_413_and_nothing_is_stored(small_bodies, db):
    sent = form(small_bodies, lang="en", message="x" * SMALL_BODY_LIMIT)
    answer = await small_bodies.client.post("/?lang=en", data=sent)
    assert answer.status_code == 413
    assert await nothing_about(db, sent["email"])


async def test_a_streamed_form_over_the_limit_is_a_413_and_nothing_is_stored(small_bodies, db):
    sent = form(small_bodies, message="x" * SMALL_BODY_LIMIT)
    before = await counts(db)
    answer = await small_bodies.client.post(
        "/", content=chunks(str(httpx.QueryParams(sent)).encode()),
        headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 413, answer.text
    assert await counts(db) == before


async def test_a_form_over_the_limit_says_so_in_the_persons_language(small_bodies):
    sent = form(small_bodies, lang="en", message="x" * SMALL_BODY_LIMIT)
    answer = await small_bodies.client.post("/?lang=en", data=sent)
    assert answer.status_code == 413
    assert answer.headers["content-type"].startswith("text/html")
    assert '<html lang="en">' in answer.text and 'role="alert"' in answer.text
