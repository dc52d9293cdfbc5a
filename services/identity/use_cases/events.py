"""The integration events identity stages in its outbox (published by its relay)."""

import asyncpg

from shared.events import AccountCreated, new_event
from shared.outbox import stage_event

SOURCE = "/soho/identity"


async def stage_account_created(conn: asyncpg.Connection, account: asyncpg.Record) -> None:
    """Who can now sign in; no address in it (others know the person by member or village)."""
    data = AccountCreated(account_id=account["id"], role=account["role"],
                          member_id=account["member_id"], village=account["village"])
    await stage_event(conn, new_event(data, source=SOURCE, subject=str(account["id"])))
