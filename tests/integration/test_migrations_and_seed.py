"""`soho migrate` and `soho seed` on the real database: idempotent, complete."""

import asyncio
import subprocess
import sys

import asyncpg

from soho.registry import SERVICE_NAMES


def soho(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "soho", *args], capture_output=True,
                          text=True, timeout=120)


async def test_migrate_is_idempotent_and_each_service_has_its_own_schema(database_url):
    again = await asyncio.to_thread(soho, "migrate")
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == [f"{name}: up to date" for name in SERVICE_NAMES]
    conn = await asyncpg.connect(database_url)
    try:
        for name in SERVICE_NAMES:
            tables = {r["table_name"] for r in await conn.fetch(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = $1",
                name)}
            assert {"outbox", "inbox"} <= tables, name
    finally:
        await conn.close()


async def test_seed_loads_the_communes_of_the_gers_once(database_url):
    first = await asyncio.to_thread(soho, "seed")
    assert first.returncode == 0, first.stderr
    second = await asyncio.to_thread(soho, "seed")
    assert "onboarding: villages already loaded" in second.stdout
    conn = await asyncpg.connect(database_url)
    try:
        assert await conn.fetchval("SELECT count(*) FROM onboarding.villages") == 458
        auch = await conn.fetchrow("SELECT * FROM onboarding.villages WHERE insee_code = '32013'")
        assert auch["name"] == "Auch" and auch["population"] > 20000
        assert 43.6 < auch["latitude"] < 43.7
    finally:
        await conn.close()
