"""Reading the key figures, as the API and the page show them."""

import datetime

import asyncpg

from ..domain.dates import local_date
from ..domain.key_figures import Kpis
from ..domain.public_figures import PublicFigures, public_figures
from ..domain.reading import assemble
from ..store import figures


async def read_kpis(pool: asyncpg.Pool) -> Kpis:
    async with pool.acquire() as conn, conn.transaction(isolation="repeatable_read",
                                                        readonly=True):
        rows = await figures.figure_rows(conn)
        newest = await figures.last_event_at(conn)
    now = datetime.datetime.now(datetime.UTC)
    return assemble(rows, now=now, today=local_date(now), last_event_at=newest)


async def read_public_figures(pool: asyncpg.Pool) -> PublicFigures:
    """The public site's few figures: the staff's key figures, a few of them picked."""
    return public_figures(await read_kpis(pool))
