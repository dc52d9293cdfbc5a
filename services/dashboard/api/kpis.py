"""The key figures for programs and spreadsheets: JSON, the CSV export, the recent feed."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from shared.http.deps import DbPool

from ..domain.dates import local_date
from ..use_cases.access import PROTECTED, Staff
from ..use_cases.export import kpis_csv
from ..use_cases.feed import read_feed
from ..use_cases.figures import read_kpis
from .models import FeedItem, Kpis

router = APIRouter(prefix="/api", tags=["key figures"])
Lang = Annotated[Literal["fr", "en"], Query(description="Language of the words: fr or en")]


@router.get("/kpis", responses=PROTECTED)
async def kpis(pool: DbPool, staff: Staff) -> Kpis:
    """The programme's key figures, read from the projections (staff). Each field says how
    it is counted."""
    return await read_kpis(pool)


@router.get("/kpis.csv", response_class=Response, responses=PROTECTED | {200: {
    "content": {"text/csv": {}},
    "description": "figure,label_fr,label_en,value,unit,as_of: one row per figure"}})
async def kpis_export(pool: DbPool, staff: Staff) -> Response:
    """The key figures as the programme publishes them: one row per figure with its French
    and English labels, its value, its unit (%, h or none) and the date they are as of
    (Paris). UTF-8 with a byte-order mark, comma-separated."""
    return await csv_answer(pool)


async def csv_answer(pool) -> Response:
    figures = await read_kpis(pool)
    as_of = local_date(figures.as_of).isoformat()
    return Response(kpis_csv(figures, as_of), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="soho-solo-key-figures-{as_of}.csv"',
        "Cache-Control": "no-store"})


@router.get("/events/recent", responses=PROTECTED)
async def recent_events(pool: DbPool, staff: Staff, lang: Lang = "fr",
                        limit: Annotated[int, Query(ge=1, le=50)] = 20) -> list[FeedItem]:
    """The latest events in the figures, newest first, each with a short non-personal
    summary (staff)."""
    lines = await read_feed(pool, lang, limit)
    return [FeedItem(**line.__dict__) for line in lines]
