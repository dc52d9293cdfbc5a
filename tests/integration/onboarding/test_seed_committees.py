"""The demo villages' committees are announced by the seed like any other committee
(`committee.changed` in onboarding's outbox, in the seed's transaction), so identity opens
their accounts and a demo committee can sign in after `make run`."""

import asyncio
import json
import uuid

from services.onboarding.app import SERVICE
from services.onboarding.use_cases.seeding import DEMO_VILLAGES, committee_email, seed_villages
from shared.db import connect
from shared.migrations import apply_migrations
from shared.reference.communes import communes


async def test_the_seed_announces_each_demo_committee_once(database_url):
    schema = f"seed_{uuid.uuid4().hex[:8]}"
    await asyncio.to_thread(apply_migrations, database_url, schema, SERVICE.migrations_dir)
    conn = await connect(database_url, schema)
    try:
        async with conn.transaction():
            await seed_villages(conn)
        async with conn.transaction():
            assert await seed_villages(conn) == "villages already loaded"
        rows = await conn.fetch("SELECT subject, body FROM outbox "
                                "WHERE type = 'committee.changed' ORDER BY subject")
        expected = sorted((code, locale) for code, _s, locale, *_ in DEMO_VILLAGES if locale)
        assert [(r["subject"], json.loads(r["body"])["data"]["locale"]) for r in rows] == \
            expected
        for row in rows:
            data = json.loads(row["body"])["data"]
            assert data["email"] == committee_email(row["subject"])
            assert data["village_name"] == communes()[row["subject"]].name
            assert data["removed"] is False
    finally:
        await conn.execute(f"DROP SCHEMA {schema} CASCADE")
        await conn.close()
