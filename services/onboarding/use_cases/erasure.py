"""A person asked to be forgotten: anonymise their cases and member entry."""

import uuid

import asyncpg
import structlog

from ..store.erasure import anonymise_prospect

log = structlog.get_logger("onboarding.erasure")


async def erase_prospect(conn: asyncpg.Connection, prospect_id: uuid.UUID) -> None:
    cases, members = await anonymise_prospect(conn, prospect_id)
    log.info("prospect.anonymised", prospect_id=str(prospect_id), cases=cases, members=members)
