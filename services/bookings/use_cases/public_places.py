"""The places as the public site shows them: the catalogue the staff and members' pages
read (catalogue.telecentres, a fixed number of queries whatever the number of places),
and the places nearest to a commune of the Gers, measured from the communes' positions in
the shared reference data (a place is where its commune is)."""

import uuid
from datetime import date

import asyncpg

from shared.reference.communes import Commune, communes

from ..domain.public_places import Position, nearest
from . import catalogue
from .errors import NotFound

NEAREST = 3
CLOSURES_DAYS = 60


def position_of(insee_code: str) -> Position | None:
    commune = communes().get(insee_code)
    return Position(commune.latitude, commune.longitude) if commune else None


async def public_places(pool: asyncpg.Pool, today: date) -> list[dict]:
    """Every place with its week and its resources (no closures: the list does not show them)."""
    return await catalogue.telecentres(pool, today, days_ahead=0)


async def public_place(pool: asyncpg.Pool, today: date, place_id: uuid.UUID) -> dict:
    """One place with its week, its closures of the next CLOSURES_DAYS days and its
    resources. NotFound when there is no such place."""
    [place] = await catalogue.telecentres(pool, today, place_id, days_ahead=CLOSURES_DAYS)
    return place


async def nearest_places(pool: asyncpg.Pool, today: date,
                         insee_code: str) -> tuple[Commune, list[tuple[dict, float]]]:
    """The commune and the NEAREST places to it, nearest first, each with its distance in
    km. NotFound for a code that is no commune of the Gers."""
    commune = communes().get(insee_code)
    if commune is None:
        raise NotFound("no such commune in the Gers", "commune inconnue dans le Gers")
    rows = await public_places(pool, today)
    origin = Position(commune.latitude, commune.longitude)
    return commune, nearest(origin, [(row, position_of(row["insee_code"])) for row in rows],
                            NEAREST)
