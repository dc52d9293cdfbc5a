"""The key figures and the live feed under /staff/api/: the staff page's own calls behind
the front door (only /staff* reaches the dashboard there). The same use cases as /api/kpis,
/api/kpis.csv and /api/events/stream; who calls is read as every API reads it (a bearer
token, or the token the front door passed on), not from the `/` page's cookie."""

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse

from shared.auth import StaffPrincipal
from shared.http.deps import DbPool

from ..use_cases.figures import read_kpis
from .kpis import Lang, csv_answer
from .models import Kpis
from .stream import stream_answer

router = APIRouter(prefix="/staff/api", tags=["staff page"], include_in_schema=False)


@router.get("/kpis")
async def staff_kpis(pool: DbPool, staff: StaffPrincipal) -> Kpis:
    return await read_kpis(pool)


@router.get("/kpis.csv", response_class=Response)
async def staff_kpis_export(pool: DbPool, staff: StaffPrincipal) -> Response:
    return await csv_answer(pool)


@router.get("/events/stream", response_class=StreamingResponse)
async def staff_event_stream(request: Request, staff: StaffPrincipal,
                             lang: Lang = "fr") -> StreamingResponse:
    return stream_answer(request, lang)
