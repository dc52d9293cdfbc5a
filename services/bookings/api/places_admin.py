"""Staff set up places: opening hours, closures, resources and their booking modes."""

import datetime as dt
import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Response
from pydantic import AfterValidator

from ..domain.schedule import OpeningHours
from ..use_cases import places_admin
from .deps import DbPool, StaffPrincipal
from .errors import ERROR_RESPONSES, answering
from .models.desks import DeskOut, ResourceIn, ResourcePatch
from .models.telecentres import ClosureIn, ClosureSet, Created, OpeningHoursIn, PlaceIn, WeekIn
from .models.values import sane_day

router = APIRouter(prefix="/api", tags=["telecentres (staff)"], responses=ERROR_RESPONSES)
DayPath = Annotated[dt.date, Path(description="Paris date"), AfterValidator(sane_day)]


def week_of(hours: list[OpeningHoursIn]) -> list[OpeningHours]:
    return [OpeningHours(h.weekday, h.opens, h.closes) for h in hours]


@router.post("/telecentres", status_code=201)
async def create_telecentre(body: PlaceIn, pool: DbPool, _: StaffPrincipal) -> Created:
    place_id = await places_admin.create_place(pool, body.kind, body.name, body.insee_code,
                                               body.commune, body.address,
                                               week_of(body.opening_hours))
    return Created(id=place_id)


@router.put("/telecentres/{telecentre_id}/opening-hours", status_code=204)
async def set_opening_hours(telecentre_id: uuid.UUID, body: WeekIn, pool: DbPool,
                            _: StaffPrincipal) -> Response:
    """Replace the week (Europe/Paris wall-clock times); a weekday left out is closed."""
    with answering("path"):
        await places_admin.set_week(pool, telecentre_id, week_of(body.opening_hours))
    return Response(status_code=204)


@router.put("/telecentres/{telecentre_id}/closures/{day}")
async def close_day(telecentre_id: uuid.UUID, day: DayPath, body: ClosureIn, pool: DbPool,
                    _: StaffPrincipal) -> ClosureSet:
    """Close the place all day (public holidays need no closure: they are computed)."""
    with answering("path"):
        count = await places_admin.close_day(pool, telecentre_id, day, body.reason)
    return ClosureSet(day=day, reason=body.reason, active_bookings_that_day=count)


@router.delete("/telecentres/{telecentre_id}/closures/{day}", status_code=204)
async def reopen_day(telecentre_id: uuid.UUID, day: DayPath, pool: DbPool,
                     _: StaffPrincipal) -> Response:
    with answering("path"):
        await places_admin.reopen_day(pool, telecentre_id, day)
    return Response(status_code=204)


@router.post("/telecentres/{telecentre_id}/desks", status_code=201)
async def add_desk(telecentre_id: uuid.UUID, body: ResourceIn, pool: DbPool,
                   _: StaffPrincipal) -> DeskOut:
    """Add a hot desk, private office or meeting room, with its booking mode."""
    with answering("path"):
        row = await places_admin.add_resource(pool, telecentre_id, body.kind, body.name,
                                              body.capacity, body.booking_mode)
    return DeskOut.of(row)


@router.patch("/desks/{desk_id}")
async def change_desk(desk_id: uuid.UUID, body: ResourcePatch, pool: DbPool,
                      _: StaffPrincipal) -> DeskOut:
    with answering("body"):
        row = await places_admin.change_resource(pool, desk_id, body.model_dump())
    return DeskOut.of(row)
