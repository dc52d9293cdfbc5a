"""Editing a village's profile (host status, services, broadband, housing notes, demo
flag): the JSON API's PATCH and the staff's village page both come here. A form built
when the host status was another one is refused (RecordChanged) under the row's lock."""

import asyncpg

from ..store import villages as store
from .errors import NotFound, RecordChanged


async def update_profile(pool: asyncpg.Pool, insee_code: str, changes: dict, *,
                         seen_host_status: str | None = None) -> asyncpg.Record:
    """The village as it now is; NotFound when there is no such commune, RecordChanged when
    `seen_host_status` is given and is no longer the village's."""
    async with pool.acquire() as conn, conn.transaction():
        if seen_host_status is not None:
            before = await store.get_village(conn, insee_code, for_update=True)
            if before is None:
                raise NotFound(f"no commune {insee_code} in the Gers")
            if before["host_status"] != seen_host_status:
                raise RecordChanged(f"the host status of {insee_code} changed meanwhile")
        row = await store.update_profile(conn, insee_code, changes)
    if row is None:
        raise NotFound(f"no commune {insee_code} in the Gers")
    return row
