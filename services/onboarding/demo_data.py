"""Demonstration profiles, so the platform is alive after `make run`: a few real communes
made host or associated villages with a welcome committee. All of it is invented and
marked so (the `demo` flag, and the housing notes say it); the committee addresses are
on example.org (reserved for examples), never a real person's or town hall's."""

import asyncpg

DEMO_NOTE = "[DÉMO / DEMO] Données de démonstration, fictives. Demonstration data, fictitious. "

# insee, host status, committee locale (None: no committee), school, doctor, shops, train,
# broadband technology, Mbit/s, housing notes
DEMO_VILLAGES = [
    ("32233", "host", "fr", True, True, True, False, "fibre", 500,
     "Deux maisons de village à louer près de la place. Two village houses to rent."),
    ("32208", "host", "en", True, True, True, False, "fibre", 1000,
     "Appartements en centre historique. Flats in the historic centre."),
    ("32410", "host", "fr", True, True, True, False, "vdsl", 50,
     "Corps de ferme à rénover à 3 km. A farmhouse to renovate 3 km away."),
    ("32147", "associated", "fr", True, True, True, True, "fibre", 300,
     "Peu de locations, surtout des ventes. Few rentals, mostly sales."),
    ("32132", "associated", "fr", True, True, True, True, "vdsl", 70,
     "Logements communaux disponibles au printemps. Council flats free in spring."),
    ("32256", "associated", None, True, True, True, False, "adsl", 12,
     "Comité en cours de constitution. Committee being formed."),
]


def committee_email(insee_code: str) -> str:
    return f"comite-accueil-{insee_code}@example.org"


async def load_demo_profiles(conn: asyncpg.Connection) -> int:
    await conn.executemany(
        """UPDATE villages SET host_status = $2, committee_email = $3, committee_locale = $4,
               committee_updated_at = CASE WHEN $3::text IS NULL THEN NULL ELSE now() END,
               has_school = $5, has_doctor = $6, has_shops = $7, has_train_station = $8,
               broadband_technology = $9, broadband_mbps = $10, housing_notes = $11,
               demo = true, updated_at = now()
           WHERE insee_code = $1""",
        [(code, status, committee_email(code) if locale else None, locale, school, doctor,
          shops, train, technology, mbps, DEMO_NOTE + notes)
         for code, status, locale, school, doctor, shops, train, technology, mbps, notes
         in DEMO_VILLAGES])
    return len(DEMO_VILLAGES)
