"""Helpers of the staff pages' tests: deliveries written as the handlers and the sender
leave them (status, times, error), a staff identity as the front door passes it on, forms
posted with their CSRF field."""

import contextlib
import datetime
import html
import json
import os
import re
import uuid

from shared.auth import FORWARDED_IDENTITY, Role, issue_token

SECRET = os.environ["SOHO_SECRET"]
CSRF = re.compile(r'name="csrftoken" value="([^"]+)"')
REVISION = re.compile(r'name="revision" value="([^"]*)"')
NOW = datetime.datetime.now(datetime.UTC)


def identity(role: Role = Role.STAFF, **scope) -> dict[str, str]:
    if role is Role.STAFF:
        scope = {"sub": str(uuid.uuid4()), "name": "Marie Dupont"} | scope
    return {FORWARDED_IDENTITY: issue_token(SECRET, role, **scope)}


STAFF = identity()


async def add_delivery(db, *, status: str, minutes_ago: float = 0, template: str =
                       "contact.acknowledgement", recipient: str | None = None,
                       prospect_id: uuid.UUID | None = None, channel: str = "email",
                       last_error: str | None = None, body_text: str | None = "Bonjour Camille",
                       body_html: str | None = "<p>Bonjour <b>Camille</b></p>",
                       payload: dict | None = None,
                       subject: str = "Soho Solo : nous avons bien reçu votre message",
                       locale: str = "fr") -> uuid.UUID:
    """A delivery in that state, created `minutes_ago`; a pending one is not due for a day
    (the running sender leaves it alone)."""
    created = NOW - datetime.timedelta(minutes=minutes_ago)
    delivery_id = uuid.uuid4()
    await db.execute(
        "INSERT INTO deliveries (id, event_id, event_type, recipient, channel, template, "
        "locale, prospect_id, message_id, subject, body_text, body_html, payload, status, "
        "attempts, next_attempt_at, last_error, last_error_kind, created_at, updated_at, "
        "sent_at) VALUES ($1, $2, 'contact.received', $3, $4, $5, $18, $6, $7, $8, $9, $10, "
        "$11::jsonb, $12, $13, now() + interval '1 day', $14, $15, $16, $16, $17)",
        delivery_id, uuid.uuid4(), recipient or f"p-{delivery_id.hex[:8]}@example.org",
        channel, template, prospect_id, f"<{delivery_id}@soho-solo.example.org>",
        subject, body_text, body_html,
        None if payload is None else json.dumps(payload), status,
        0 if status == "pending" else 1, last_error,
        "permanent" if last_error else None, created, created if status == "sent" else None,
        locale)
    return delivery_id


def text(page) -> str:
    return html.unescape(page.text)


def statuses(page) -> list[str]:
    return re.findall(r'data-status="(\w+)" data-testid="log-row"', page.text)


def row_ids(page) -> list[str]:
    body = page.text[page.text.find('data-testid="log"'):]
    return re.findall(r'<a href="/staff/deliveries/([0-9a-f-]{36})">', body)


def next_link(page) -> str | None:
    found = re.search(r'<a href="([^"]+)" rel="next"', page.text)
    return html.unescape(found.group(1)) if found else None


async def post_form(client, page, path: str, data: dict, headers=None):
    fields = {"csrftoken": CSRF.search(page.text).group(1)}
    revision = REVISION.search(page.text)
    if revision:
        fields["revision"] = revision.group(1)
    return await client.post(path, data=fields | data, headers=headers or STAFF)


class CountingPool:
    """Stands in for the app's pool while a page is read: counts the statements it runs
    (the sender keeps the real pool, so its polling is not counted)."""

    def __init__(self, pool) -> None:
        self.pool, self.statements = pool, []

    def _log(self, record) -> None:
        self.statements.append(record.query)

    @contextlib.asynccontextmanager
    async def acquire(self):
        async with self.pool.acquire() as conn:
            conn.add_query_logger(self._log)
            try:
                yield conn
            finally:
                conn.remove_query_logger(self._log)
