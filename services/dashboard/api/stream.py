"""`GET /api/events/stream`: the live feed as server-sent events (staff; the page's
EventSource sends the sign-in cookie). Events:
- `state`: "ready" once the feed listens to the bus, "waiting" while it cannot;
- `feed`: one event, {id, type, time, title, summary}, sent once the figures include it.
A comment every 15 s keeps proxies from closing the connection."""

import asyncio
import json
from collections.abc import AsyncIterator

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import StreamingResponse

from ..domain.live_events import LiveEvent
from ..use_cases.access import PROTECTED, Staff
from ..use_cases.feed import feed_line
from ..use_cases.live_feed import LiveFeed
from .kpis import Lang

router = APIRouter(prefix="/api", tags=["live feed"])
HEARTBEAT_SECONDS = 15.0


def live_feed(app: FastAPI) -> LiveFeed:
    """This process's feed (made on first use: one throw-away queue per process)."""
    feed = getattr(app.state, "live_feed", None)
    if feed is None:
        settings = app.state.settings
        feed = app.state.live_feed = LiveFeed(settings.amqp_url, lambda: app.state.pool,
                                              settings.live_feed_wait_seconds)
    return feed


def _sse(kind: str, data: dict, event_id: str | None = None) -> str:
    head = f"id: {event_id}\n" if event_id else ""
    return f"{head}event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _feed_item(event: LiveEvent, lang: str) -> str:
    line = feed_line(event.id, event.type, event.time, event.facts, lang)
    return _sse("feed", {"id": line.id, "type": line.type, "time": line.time.isoformat(),
                         "title": line.title, "summary": line.summary}, line.id)


async def _events(feed: LiveFeed, lang: str) -> AsyncIterator[str]:
    yield "retry: 3000\n\n"
    async with feed.listen() as items:
        while True:
            try:  # asyncio.timeout, not wait_for, which can swallow a disconnect's cancel
                async with asyncio.timeout(HEARTBEAT_SECONDS):
                    item = await items.get()
            except TimeoutError:
                yield ": keep-alive\n\n"
                continue
            if isinstance(item, LiveEvent):
                yield _feed_item(item, lang)
            else:
                yield _sse("state", {"state": item})


@router.get("/events/stream", response_class=StreamingResponse, responses=PROTECTED | {
    200: {"content": {"text/event-stream": {}},
          "description": "server-sent events: `state` and `feed`"}})
async def event_stream(request: Request, staff: Staff, lang: Lang = "fr") -> StreamingResponse:
    """Every event on the bus as it happens, with a short non-personal summary (staff)."""
    return stream_answer(request, lang)


def stream_answer(request: Request, lang: str) -> StreamingResponse:
    return StreamingResponse(_events(live_feed(request.app), lang),
                             media_type="text/event-stream",
                             headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
