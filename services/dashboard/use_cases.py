"""Reading the figures and the feed, as the API and the page need them."""

import datetime

import asyncpg

from . import figures_store
from .domain.dates import local_date
from .domain.key_figures import Kpis
from .domain.reading import assemble
from .web.feed_text import FeedLine, feed_line

FEED_LENGTH = 20


async def read_kpis(pool: asyncpg.Pool) -> Kpis:
    async with pool.acquire() as conn, conn.transaction(isolation="repeatable_read",
                                                        readonly=True):
        rows = await figures_store.figure_rows(conn)
        newest = await figures_store.last_event_at(conn)
    now = datetime.datetime.now(datetime.UTC)
    return assemble(rows, now=now, today=local_date(now), last_event_at=newest)


async def read_feed(pool: asyncpg.Pool, lang: str, limit: int = FEED_LENGTH) -> list[FeedLine]:
    async with pool.acquire() as conn:
        recent = await figures_store.recent_events(conn, limit)
    return [feed_line(e.event_id, e.type, e.occurred_at, e.facts, lang) for e in recent]
