"""The ServiceDefinition seed: demonstration places, loaded by `soho seed` into an empty
database: eight telecentres and two coworking spaces in real communes of the Gers (their
INSEE codes below, their records from shared.reference.communes). They are marked as demo
(`demo` flag, "(démo)" in the name) and sit at the town hall's public address; no person's
details, no email."""

import uuid
from datetime import time

import asyncpg

from shared.reference.communes import communes

from ..domain.modes import BookingMode, ResourceKind
from ..domain.schedule import OpeningHours
from ..store import places

# Stable ids, so the demo data is the same on every machine.
NAMESPACE = uuid.UUID("6d1f7c1e-52a3-4f0e-9a8e-2b7d3c4e5f60")

TELECENTRES = ("32107", "32119", "32132", "32160", "32208", "32256", "32296", "32410")
COWORKING = ("32013", "32233")
WEEKDAYS_ONLY = [OpeningHours(d, time(8, 30), time(18, 30)) for d in range(5)]
COWORKING_WEEK = [OpeningHours(d, time(8, 0), time(19, 0)) for d in range(5)] + [
    OpeningHours(5, time(9, 0), time(13, 0))]
TELECENTRE_RESOURCES = [
    *[(ResourceKind.HOT_DESK, f"Poste {n}", 1, BookingMode.HALF_DAY) for n in (1, 2, 3, 4)],
    (ResourceKind.PRIVATE_OFFICE, "Bureau 1", 2, BookingMode.DAY),
    (ResourceKind.MEETING_ROOM, "Salle de réunion", 8, BookingMode.HOUR),
]
COWORKING_RESOURCES = [
    *[(ResourceKind.HOT_DESK, f"Poste {n}", 1, BookingMode.HALF_DAY) for n in range(1, 9)],
    *[(ResourceKind.PRIVATE_OFFICE, f"Bureau {n}", 3, BookingMode.DAY) for n in (1, 2)],
    (ResourceKind.MEETING_ROOM, "Grande salle", 12, BookingMode.HOUR),
    (ResourceKind.MEETING_ROOM, "Petite salle", 4, BookingMode.HOUR),
]


# The commune's usual name where the public list files it without its article.
DISPLAY_NAMES = {"32160": "L'Isle-Jourdain"}


def of_commune(name: str) -> str:
    """"de Condom", "d'Auch", "de L'Isle-Jourdain"."""
    return f"d'{name}" if name[0] in "AEIOUÉÈYH" else f"de {name}"


def demo_places() -> list[dict]:
    gers = communes()
    found = []
    for kind, codes, week, resources in (
            ("telecentre", TELECENTRES, WEEKDAYS_ONLY, TELECENTRE_RESOURCES),
            ("coworking", COWORKING, COWORKING_WEEK, COWORKING_RESOURCES)):
        for code in codes:
            commune = gers[code]
            commune_name = DISPLAY_NAMES.get(code, commune.name)
            label = "Télécentre" if kind == "telecentre" else "Espace de coworking"
            name = f"{label} {of_commune(commune_name)} (démo)"
            found.append({"id": uuid.uuid5(NAMESPACE, f"place:{code}"), "kind": kind,
                          "name": name, "insee_code": code, "commune": commune_name,
                          "address": commune.town_hall_address, "week": week,
                          "resources": resources})
    return found


async def seed_demo_places(conn: asyncpg.Connection) -> str:
    """Load the demo places if there is no place at all; safe to call again."""
    if await places.count_places(conn):
        return "places already loaded"
    loaded = demo_places()
    for place in loaded:
        await places.insert_place(conn, place["id"], place["kind"], place["name"],
                                  place["insee_code"], place["commune"], place["address"],
                                  demo=True)
        await places.replace_opening_hours(conn, place["id"], place["week"])
        for kind, name, capacity, mode in place["resources"]:
            await places.insert_resource(conn, uuid.uuid5(NAMESPACE, f"{place['id']}:{name}"),
                                         place["id"], kind, name, capacity, mode)
    return f"{len(loaded)} demo places loaded (8 telecentres, 2 coworking spaces)"
