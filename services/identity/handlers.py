"""Bus subscribers: parse the event, call one use case (inside the inbox transaction, so
the effect and "handled" commit together; the inbox skips duplicates)."""

import asyncpg

from shared.bus.consumer import EventConsumers
from shared.events import (CloudEvent, CommitteeChanged, ProspectErased, ProspectQualified,
                           SoloInstalled)

from .use_cases import committee_accounts, solo_accounts


def subscribe(consumers: EventConsumers) -> None:
    settings = consumers.settings

    @consumers.on(ProspectQualified)
    async def remember_prospect(conn: asyncpg.Connection,
                                event: CloudEvent[ProspectQualified]) -> None:
        """Keeps the address, names and language, to open the account at installation."""
        data = event.data
        await solo_accounts.remember_prospect(
            conn, settings, prospect_id=data.prospect_id, email=data.email, first_name=data.first_name,
            last_name=data.last_name, locale=data.locale)

    @consumers.on(SoloInstalled)
    async def open_solo_account(conn: asyncpg.Connection,
                                event: CloudEvent[SoloInstalled]) -> None:
        """Opens the solo's account and emails the welcome with a sign-in link."""
        data = event.data
        await solo_accounts.welcome_solo(conn, settings, member_id=data.member_id,
                                         prospect_id=data.prospect_id,
                                         village_name=data.village.name)

    @consumers.on(ProspectErased)
    async def erase_person(conn: asyncpg.Connection, event: CloudEvent[ProspectErased]) -> None:
        """Deletes the person's account, sessions and links; their address leaves the log.
        Their id stays: a late qualification or installation of theirs does nothing."""
        await solo_accounts.erase_person(conn, event.data.prospect_id)

    @consumers.on(CommitteeChanged)
    async def set_committee_account(conn: asyncpg.Connection,
                                    event: CloudEvent[CommitteeChanged]) -> None:
        """Opens, updates or disables the village committee's account."""
        data = event.data
        await committee_accounts.set_committee_account(
            conn, insee_code=data.insee_code, village_name=data.village_name,
            email=data.email, locale=data.locale, removed=data.removed)
