"""A contact arrives (form, API or staff): find or create the prospect by email identity,
keep the contact on its timeline, publish contact.received; an Idempotency-Key replays."""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import asyncpg

from ..domain.contact import ContactIn
from ..domain.normalisation import email_identity, search_words, searchable, sort_key
from ..store import idempotency, intake
from . import events
from .errors import IdempotencyConflict


@dataclass(frozen=True)
class Origin:
    """Where a contact comes from: its channel, who recorded it, and how consent was given."""

    channel: str  # web, phone, email, event
    consent_source: str  # web_form, api, phone, email, event
    recorded_by: str | None = None  # the staff member


@dataclass(frozen=True)
class Retry:
    scope: str
    key: str
    ttl: timedelta


@dataclass(frozen=True)
class Accepted:
    """The contact taken in: what the API answers, and an Idempotency-Key's first answer."""

    contact_id: uuid.UUID
    prospect_id: uuid.UUID
    is_new_prospect: bool

    def as_json(self) -> dict:
        return {"contact_id": str(self.contact_id), "prospect_id": str(self.prospect_id),
                "is_new_prospect": self.is_new_prospect}

    @classmethod
    def from_json(cls, answer: dict) -> "Accepted":
        return cls(uuid.UUID(answer["contact_id"]), uuid.UUID(answer["prospect_id"]),
                   answer["is_new_prospect"])


@dataclass(frozen=True)
class Outcome:
    accepted: Accepted
    replayed: bool


def request_hash(contact: ContactIn, origin: Origin) -> bytes:
    return hashlib.sha256(f"{origin.channel}|{contact.model_dump_json()}".encode()).digest()


def new_contact(contact: ContactIn, origin: Origin, now: datetime) -> intake.NewContact:
    return intake.NewContact(
        contact_id=uuid.uuid4(), channel=origin.channel, received_at=now,
        recorded_by=origin.recorded_by, email=contact.email,
        email_key=email_identity(contact.email), first_name=contact.first_name,
        last_name=contact.last_name, phone=contact.phone, locale=contact.locale,
        origin_city=contact.origin_city, origin_country=contact.origin_country,
        profession=contact.profession, sector=contact.sector,
        household_adults=contact.household_adults,
        household_children=contact.household_children,
        household_size=contact.household_size, desired_villages=contact.desired_villages,
        move_horizon=contact.move_horizon, consent_version=contact.consent_version,
        consent_source=origin.consent_source,
        search_text=searchable(contact.first_name, contact.last_name, contact.email,
                               contact.phone, contact.origin_city),
        sort_name=sort_key(f"{contact.last_name} {contact.first_name}"),
        submitted=contact.model_dump(mode="json", exclude={"consent", "consent_version"},
                                     exclude_none=True),
        search_words=search_words(contact.first_name, contact.last_name, contact.origin_city))


async def record_contact(pool: asyncpg.Pool, contact: ContactIn, origin: Origin, *,
                         now: datetime, retry: Retry | None = None) -> Outcome:
    row = new_contact(contact, origin, now)
    # The prospect's id and whether it is new are the statement's to fill in.
    event = events.contact_received_event(contact, contact_id=row.contact_id,
                                          channel=origin.channel)
    if retry is None:  # the contact, its prospect and its event: one statement
        prospect_id, created = await intake.record_contact(pool, row, event)
        return Outcome(Accepted(row.contact_id, prospect_id, created), replayed=False)
    async with pool.acquire() as conn, conn.transaction():
        digest = request_hash(contact, origin)
        if not await idempotency.claim(conn, retry.scope, retry.key, digest, now,
                                       now - retry.ttl):
            return await _replay(conn, retry, digest)
        prospect_id, created = await intake.record_contact(conn, row, event)
        accepted = Accepted(row.contact_id, prospect_id, created)
        await idempotency.remember_answer(conn, retry.scope, retry.key, accepted.as_json())
    return Outcome(accepted, replayed=False)


async def _replay(conn: asyncpg.Connection, retry: Retry, digest: bytes) -> Outcome:
    first = await idempotency.first_answer(conn, retry.scope, retry.key)
    if first is None or first[1] is None:  # forgotten in between: rare, a retry will do
        raise IdempotencyConflict("this Idempotency-Key is being reused; retry")
    first_digest, response = first
    if first_digest != digest:
        raise IdempotencyConflict("this Idempotency-Key was used for a different request")
    return Outcome(Accepted.from_json(response), replayed=True)
