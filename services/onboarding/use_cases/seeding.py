"""The seed of an empty `villages` table: the communes of the Gers (public records, from
shared.reference), then a few demonstration host villages, so the platform is alive after
`make run`.

The demonstration profiles make a few real communes host or associated villages with a
welcome committee. All of it is invented and marked so (the `demo` flag, and the housing
notes say it); the committee addresses are on example.org (reserved for examples), never a
real person's or town hall's. Their committees are announced like any other
(`committee.changed`, in the seed's transaction), so identity opens their accounts and a
demo committee can sign in."""

import asyncpg

from shared.events import CommitteeChanged, new_event
from shared.outbox import stage_event
from shared.reference.communes import communes

from ..store import villages as store

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


async def seed_villages(conn: asyncpg.Connection) -> str:
    if await store.count_villages(conn):
        return "villages already loaded"
    loaded = await store.insert_communes(conn, communes().values())
    await store.set_demo_profiles(conn, [
        store.DemoProfile(code, status, committee_email(code) if locale else None, locale,
                          school, doctor, shops, train, technology, mbps, DEMO_NOTE + notes)
        for code, status, locale, school, doctor, shops, train, technology, mbps, notes
        in DEMO_VILLAGES])
    names = communes()
    for code, _status, locale, *_ in DEMO_VILLAGES:
        if locale:
            await stage_event(conn, new_event(
                CommitteeChanged(insee_code=code, village_name=names[code].name,
                                 email=committee_email(code), locale=locale),
                source="/soho/onboarding", subject=code))
    return f"{loaded} villages loaded ({len(DEMO_VILLAGES)} with demo host profiles)"
