"""Staff read prospects: the list, one prospect, the GDPR export; and erase a person."""

import uuid
from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, status
from fastapi.responses import JSONResponse

from shared.auth import StaffPrincipal
from shared.http.deps import DbPool

from ..domain.field_types import CountryCode, InseeCode, Line, StaffName
from ..domain.vocabulary import Sector, Stage
from ..use_cases import erasure, listing, reading
from ..use_cases.errors import BadCursor
from .errors import PROSPECT_RESPONSES, answered_as_http
from .models import ErasureAccepted, ProspectDetail, ProspectExport, ProspectPage

router = APIRouter(prefix="/api", tags=["prospects"])

Sort = Literal["created_at", "-created_at", "last_contact_at", "-last_contact_at",
               "last_name", "-last_name"]


def _cursor_error(message: str) -> HTTPException:
    return HTTPException(422, [
        {"loc": ["query", "cursor"], "msg": message, "type": "cursor_invalid"}])


@router.get("/prospects", response_model=ProspectPage, summary="Prospects, filtered and sorted")
async def list_prospects(
    pool: DbPool, staff: StaffPrincipal,
    stage: Annotated[list[Stage], Query(description="One or more stages")] = [],  # noqa: B006
    sector: Sector | None = None,
    origin_country: Annotated[CountryCode | None, Query()] = None,
    village: Annotated[InseeCode | None, Query(description="Desired or target (INSEE)")] = None,
    assigned_to: Annotated[StaffName | None, Query()] = None,
    unassigned: bool = False,
    q: Annotated[Line(100, min_length=2) | None, Query(
        description="Part of a name or of an email address before the @, or a complete "
                    "email address")] = None,
    sort: Sort = "-created_at",
    cursor: Annotated[str | None, Query(max_length=1000)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> ProspectPage:
    query = listing.ListQuery(
        stages=[s.value for s in stage], sector=sector, origin_country=origin_country,
        village=village, assigned_to=assigned_to, unassigned=unassigned, q=q, sort=sort,
        cursor=cursor, limit=limit)
    try:
        page = await listing.prospect_page(pool, query)
    except BadCursor as exc:
        raise _cursor_error(str(exc)) from None
    return ProspectPage(items=page.items, next_cursor=page.next_cursor)


@router.get("/prospects/{prospect_id}", response_model=ProspectDetail,
            responses=PROSPECT_RESPONSES, summary="One prospect, with contacts and timeline")
async def get_prospect(prospect_id: uuid.UUID, pool: DbPool,
                       staff: StaffPrincipal) -> ProspectDetail:
    with answered_as_http():
        return ProspectDetail.model_validate(await reading.prospect_detail(pool, prospect_id))


@router.get("/prospects/{prospect_id}/export", response_model=ProspectExport,
            responses=PROSPECT_RESPONSES,
            summary="Everything held about the person, as JSON (GDPR access and portability)")
async def export_prospect(prospect_id: uuid.UUID, pool: DbPool,
                          staff: StaffPrincipal) -> JSONResponse:
    with answered_as_http():
        export = await reading.prospect_export(pool, prospect_id, datetime.now(UTC))
    return JSONResponse(export.model_dump(mode="json"), headers={
        "Content-Disposition": f'attachment; filename="prospect-{prospect_id}.json"'})


@router.delete("/prospects/{prospect_id}", status_code=status.HTTP_202_ACCEPTED,
               response_model=ErasureAccepted, responses={404: PROSPECT_RESPONSES[404]},
               summary="Erase the person (anonymise here, publish prospect.erased)")
async def erase_prospect(prospect_id: uuid.UUID, pool: DbPool,
                         staff: StaffPrincipal) -> ErasureAccepted:
    with answered_as_http():
        erased_at = await erasure.erase(pool, prospect_id, staff.sub, datetime.now(UTC))
    return ErasureAccepted(prospect_id=prospect_id, erased_at=erased_at)
