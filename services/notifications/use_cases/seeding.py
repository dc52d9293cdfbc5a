"""Demo welcome committees for a few host villages of the Gers: example.org addresses,
marked as demo, until onboarding publishes the real ones (village.committee_changed)."""

import asyncpg

from ..store import committees

DEMO_COMMITTEES = [
    {"insee_code": "32013", "village_name": "Auch", "locale": "fr", "digest": "immediate",
     "email": "accueil-auch.demo@example.org"},
    {"insee_code": "32208", "village_name": "Lectoure", "locale": "fr", "digest": "weekly",
     "email": "accueil-lectoure.demo@example.org"},
    {"insee_code": "32233", "village_name": "Marciac", "locale": "en", "digest": "immediate",
     "email": "welcome-marciac.demo@example.org"},
    {"insee_code": "32107", "village_name": "Condom", "locale": "fr", "digest": "immediate",
     "email": "accueil-condom.demo@example.org"},
    {"insee_code": "32147", "village_name": "Gimont", "locale": "fr", "digest": "weekly",
     "email": "accueil-gimont.demo@example.org"},
]


async def seed_committees(conn: asyncpg.Connection) -> str:
    loaded = await committees.seed_if_empty(conn, [
        {**c, "webhook_url": None, "webhook_secret": None, "is_demo": True}
        for c in DEMO_COMMITTEES])
    return f"{loaded} demo committees loaded" if loaded else "committees already loaded"
