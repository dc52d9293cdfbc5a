"""The events this service publishes, built from what it stored (staged in the outbox)."""

import uuid
from typing import Any

import asyncpg

from shared.events import (CloudEvent, ContactReceived, ProspectErased, ProspectQualified,
                           new_event)
from shared.outbox import stage_event

from ..domain.contact import ContactIn

SOURCE = "/soho/prospects"  # ServiceDefinition.source of "prospects"


async def stage(conn: asyncpg.Connection, data: Any, prospect_id: uuid.UUID) -> CloudEvent:
    event = new_event(data, source=SOURCE, subject=str(prospect_id))
    await stage_event(conn, event)
    return event


def contact_received_event(contact: ContactIn, *, contact_id: uuid.UUID,
                           channel: str) -> CloudEvent:
    """contact.received with everything but its prospect: store.intake.record_contact fills
    in the prospect's id (also the event's subject) and whether it is new, in the statement
    that finds or creates it."""
    unknown = uuid.UUID(int=0)
    return new_event(contact_received(contact, contact_id=contact_id, prospect_id=unknown,
                                      is_new_prospect=False, channel=channel),
                     source=SOURCE, subject=str(unknown))


def contact_received(contact: ContactIn, *, contact_id: uuid.UUID, prospect_id: uuid.UUID,
                     is_new_prospect: bool, channel: str) -> ContactReceived:
    return ContactReceived(
        contact_id=contact_id, prospect_id=prospect_id, is_new_prospect=is_new_prospect,
        channel=channel, first_name=contact.first_name, last_name=contact.last_name,
        email=contact.email, locale=contact.locale, origin_country=contact.origin_country,
        profession=contact.profession, household_size=contact.household_size,
        desired_villages=contact.desired_villages, message=contact.message,
        sector=contact.sector, origin_city=contact.origin_city,
        move_horizon=contact.move_horizon)


def prospect_qualified(prospect: asyncpg.Record, qualification: dict) -> ProspectQualified:
    return ProspectQualified(
        prospect_id=prospect["id"], first_name=prospect["first_name"],
        last_name=prospect["last_name"], email=prospect["email"], locale=prospect["locale"],
        household_size=qualification["household_adults"] + qualification["household_children"],
        children=qualification["household_children"],
        sector=qualification["sector"] or prospect["sector"],
        origin_country=prospect["origin_country"],
        target_villages=qualification["target_villages"],
        qualified_by=qualification["qualified_by"],
        move_horizon=qualification["move_horizon"], score=qualification["score"],
        remote_work_viability=qualification["remote_work_viability"])


def prospect_erased(prospect_id: uuid.UUID) -> ProspectErased:
    return ProspectErased(prospect_id=prospect_id)
