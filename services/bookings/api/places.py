"""Places for everyone with a token: the catalogue and free slots; occupancy for staff."""

import datetime as dt
import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import AfterValidator

from shared.reference.calendar import PARIS

from ..use_cases import catalogue
from .deps import AnyPrincipal, DbPool, Now, StaffPrincipal
from .errors import ERROR_RESPONSES, answering
from .models.availability import (AvailabilityOut, DeskAvailability, DeskOccupancy,
                                  OccupancyOut, Slot)
from .models.bookings import BookingOut
from .models.desks import DeskOut
from .models.telecentres import ClosureOut, OpeningHoursOut, TelecentreOut
from .models.values import Commune, paris, sane_day

router = APIRouter(prefix="/api", tags=["telecentres"], responses=ERROR_RESPONSES)
DayQuery = Annotated[dt.date | None, Query(description="Paris date; today if omitted"),
                     AfterValidator(lambda d: sane_day(d) if d is not None else d)]


def telecentre_out(place: dict) -> TelecentreOut:
    return TelecentreOut(
        id=place["id"], kind=place["kind"], name=place["name"], demo=place["demo"],
        commune=Commune(insee_code=place["insee_code"], name=place["commune"]),
        address=place["address"],
        opening_hours=[OpeningHoursOut.of(h) for h in place["hours"]],
        upcoming_closures=[ClosureOut(**c) for c in place["closures"]],
        desks=[DeskOut.of(d) for d in place["desks"]])


@router.get("/telecentres")
async def list_telecentres(pool: DbPool, _: AnyPrincipal, now: Now) -> list[TelecentreOut]:
    """Telecentres and coworking spaces, with their desks, offices and rooms, their opening
    hours (Europe/Paris) and the closures of the next 60 days (public holidays included)."""
    today = now.astimezone(PARIS).date()
    return [telecentre_out(p) for p in await catalogue.telecentres(pool, today)]


@router.get("/telecentres/{telecentre_id}")
async def get_telecentre(telecentre_id: uuid.UUID, pool: DbPool, _: AnyPrincipal,
                         now: Now) -> TelecentreOut:
    with answering("path"):
        found = await catalogue.telecentres(pool, now.astimezone(PARIS).date(), telecentre_id)
    return telecentre_out(found[0])


@router.get("/telecentres/{telecentre_id}/availability")
async def availability(telecentre_id: uuid.UUID, pool: DbPool, _: AnyPrincipal, now: Now,
                       date: DayQuery = None) -> AvailabilityOut:
    """Free slots of each desk, office and room of the place on that day."""
    day = date or now.astimezone(PARIS).date()
    with answering("path"):
        found = await catalogue.availability(pool, telecentre_id, day, now)
    opening = found["opening"] or (None, None)
    return AvailabilityOut(
        telecentre_id=telecentre_id, date=day, closed_reason=found["closed_reason"],
        opens_at=opening[0], closes_at=opening[1],
        desks=[DeskAvailability(desk_id=d["id"], kind=d["kind"], name=d["name"],
                                booking_mode=d["booking_mode"],
                                free_slots=[Slot(starts_at=paris(s), ends_at=paris(e))
                                            for s, e in slots])
               for d, slots in found["desks"]])


@router.get("/telecentres/{telecentre_id}/occupancy")
async def occupancy(telecentre_id: uuid.UUID, pool: DbPool, _: StaffPrincipal, now: Now,
                    date: DayQuery = None) -> OccupancyOut:
    """Staff: every booking of the place that day (anonymised ones too) and how full each
    desk is."""
    day = date or now.astimezone(PARIS).date()
    with answering("path"):
        found = await catalogue.occupancy(pool, telecentre_id, day)
    return OccupancyOut(
        telecentre_id=telecentre_id, date=day,
        **{k: found[k] for k in ("active", "checked_in", "no_shows", "cancelled", "anonymised")},
        desks=[DeskOccupancy(desk_id=d["id"], name=d["name"], kind=d["kind"],
                             occupied_share=share, bookings=[BookingOut.of(r) for r in rows])
               for d, share, rows in found["desks"]])
