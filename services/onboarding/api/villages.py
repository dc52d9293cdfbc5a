"""Villages: the staff list with filters, one village, its profile and its committee."""

from typing import Annotated

from fastapi import HTTPException, Query, Request, Response, status

from shared.auth import Role, StaffPrincipal
from shared.http.deps import DbPool

from ..domain import HostStatus
from ..store import villages as store
from ..use_cases import committees, village_profile
from .access import PROTECTED, StaffOrCommittee, ensure_own_village
from .errors import BODY, NOT_FOUND, answering
from .models import InseePath, SearchText
from .models.villages import CommitteeIn, Village, VillageUpdate, village_out
from .routing import api_router

router = api_router("villages")
Distance = Annotated[float | None, Query(ge=0, le=1000)]


@router.get("/villages", responses=PROTECTED)
async def list_villages(
    pool: DbPool, staff: StaffPrincipal,
    host_status: Annotated[list[HostStatus] | None, Query()] = None,
    has_committee: bool | None = None,
    school: bool | None = None, doctor: bool | None = None, shops: bool | None = None,
    train_station: bool | None = None,
    min_broadband_mbps: Annotated[int | None, Query(ge=0, le=100_000)] = None,
    max_distance_auch_km: Distance = None,
    max_distance_toulouse_km: Distance = None,
    name: SearchText = None,
    demo: bool | None = None,
) -> list[Village]:
    """Every commune of the Gers (staff), with its host status and committee; each filter
    narrows the list (`host_status` may be repeated)."""
    async with pool.acquire() as conn:
        rows = await store.list_villages(conn, store.VillageFilter(
            host_status=[s.value for s in host_status] if host_status else None,
            has_committee=has_committee, school=school, doctor=doctor, shops=shops,
            train_station=train_station, min_broadband_mbps=min_broadband_mbps,
            name=name or None, demo=demo))
    villages = [village_out(r) for r in rows]
    return [v for v in villages
            if (max_distance_auch_km is None or v.distances.auch_km <= max_distance_auch_km)
            and (max_distance_toulouse_km is None
                 or v.distances.toulouse_km <= max_distance_toulouse_km)]


@router.get("/villages/{insee_code}", responses=PROTECTED | NOT_FOUND)
async def get_village(insee_code: InseePath, pool: DbPool,
                      principal: StaffOrCommittee) -> Village:
    """One village (staff, or that village's committee)."""
    ensure_own_village(principal, insee_code)
    async with pool.acquire() as conn:
        row = await store.get_village(conn, insee_code)
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no commune {insee_code} in the Gers")
    return village_out(row)


@router.patch("/villages/{insee_code}", responses=PROTECTED | NOT_FOUND | BODY)
async def update_village(insee_code: InseePath, update: VillageUpdate, pool: DbPool,
                         principal: StaffOrCommittee) -> Village:
    """Services, broadband, housing notes (staff, or that village's committee); host status
    and the demo flag (staff only)."""
    ensure_own_village(principal, insee_code)
    changes = update.columns()
    if principal.role is Role.COMMITTEE and {"host_status", "demo"} & changes.keys():
        raise HTTPException(status.HTTP_403_FORBIDDEN,
                            "host status and demo flag are set by the programme's staff")
    with answering():
        row = await village_profile.update_profile(pool, insee_code, changes)
    return village_out(row)


@router.put("/villages/{insee_code}/committee", responses=PROTECTED | NOT_FOUND | BODY)
async def set_committee(insee_code: InseePath, committee: CommitteeIn, pool: DbPool,
                        principal: StaffOrCommittee, request: Request) -> Village:
    """The welcome committee's contact: `email`, `locale`, optional `webhook_url`
    (staff, or the committee itself). A new address, language or webhook publishes
    `committee.changed` (identity keeps the committee's account from it, notifications how
    to tell the committee)."""
    ensure_own_village(principal, insee_code)
    webhook = str(committee.webhook_url) if committee.webhook_url else None
    with answering():
        row = await committees.set_committee(
            pool, insee_code, str(committee.email), committee.locale, webhook,
            source=request.app.state.definition.source)
    return village_out(row)


@router.delete("/villages/{insee_code}/committee", status_code=204,
               responses=PROTECTED | NOT_FOUND)
async def remove_committee(insee_code: InseePath, pool: DbPool, staff: StaffPrincipal,
                           request: Request) -> Response:
    """The village has no welcome committee any more (staff); publishes
    `committee.changed` with `removed` when it had one."""
    with answering():
        await committees.remove_committee(pool, insee_code,
                                          source=request.app.state.definition.source)
    return Response(status_code=204)
