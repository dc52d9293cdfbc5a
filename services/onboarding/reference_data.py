"""The communes of the Gers (public records), loaded into an empty `villages` table,
with a few demonstration host villages (see demo_data.py)."""

import csv
from pathlib import Path

import asyncpg

from .demo_data import load_demo_profiles

from shared.reference.communes import COMMUNES_CSV
COLUMNS = ("insee_code", "name", "population", "postal_code", "town_hall_address",
           "town_hall_phone", "latitude", "longitude")


def read_communes(path: Path = COMMUNES_CSV) -> list[tuple]:
    with path.open(newline="", encoding="utf-8") as f:
        return [
            (row["insee_code"], row["name"], int(row["population"]), row["postal_code"],
             row["town_hall_address"], row["town_hall_phone"], float(row["latitude"]),
             float(row["longitude"]))
            for row in csv.DictReader(f)
        ]


async def seed_villages(conn: asyncpg.Connection) -> str:
    if await conn.fetchval("SELECT count(*) FROM villages"):
        return "villages already loaded"
    rows = read_communes()
    await conn.copy_records_to_table("villages", records=rows, columns=COLUMNS)
    demo = await load_demo_profiles(conn)
    return f"{len(rows)} villages loaded ({demo} with demo host profiles)"
