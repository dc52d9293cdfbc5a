"""A scripted stream of every event type, duplicates included, published to soho.events
as the services' relays publish: the key figures move by exactly what it says."""

import uuid

from services.dashboard.domain.dates import iso_week
from services.dashboard.store.rebuild import PROJECTION_TABLES
from shared.events import ProspectErased, new_event
from tests.unit.dashboard.scripted_stream import (PERSONAL, expected_by_sector,
                                                  expected_follow_ups, expected_totals,
                                                  scripted_stream)

from .conftest import handled, kpis, today


def moved(after: dict, before: dict, names) -> dict:
    return {name: round(after[name] - before[name], 1) for name in names}


def by_key(rows: list[dict], key: str) -> dict:
    return {row[key]: row for row in rows}


async def test_a_scripted_stream_with_duplicates_moves_the_figures_exactly(dashboard, publish,
                                                                           db):
    tag = "-" + uuid.uuid4().hex[:6]
    script = scripted_stream(today(), sector_tag=tag)
    before = await kpis(dashboard)
    for event in script.events:
        await publish(event)
    await handled(db, script.distinct)
    after = await kpis(dashboard)

    new_villages = len({"32107", "32013"} - {v["insee_code"] for v in
                                             before["installations_by_village"]})
    assert moved(after, before, expected_totals()) == expected_totals() | {
        "villages_with_solos": new_villages}
    assert {k: v for k, v in after["by_sector"].items() if k.endswith(tag)} == \
        expected_by_sector(tag)
    assert {c: after["by_origin_country"].get(c, 0) - before["by_origin_country"].get(c, 0)
            for c in ("NL", "GB", "BE", "FR", "unknown")} == \
        {"NL": 1, "GB": 1, "BE": 1, "FR": 0, "unknown": 1}
    assert {c: after["contacts_by_channel"][c] - before["contacts_by_channel"].get(c, 0)
            for c in ("web", "email", "phone", "event")} == \
        {"web": 2, "email": 1, "phone": 1, "event": 1}
    occupancy = by_key(after["telecentre_occupancy"], "telecentre_id")
    t1, t2 = occupancy[str(script.ids["t1"])], occupancy[str(script.ids["t2"])]
    assert (t1["bookings"], t1["bookings_made"], t1["desk_hours"], t1["desks_used"]) == \
        (1, 2, 3.0, 2)
    assert (t2["bookings"], t2["bookings_made"], t2["desk_hours"], t2["desks_used"]) == \
        (1, 1, 4.0, 1)
    villages_before = by_key(before["installations_by_village"], "insee_code")
    villages = by_key(after["installations_by_village"], "insee_code")
    for code, solos, inhabitants in (("32107", 1, 3), ("32013", 1, 1)):
        earlier = villages_before.get(code, {"installed_solos": 0, "new_inhabitants": 0})
        assert villages[code]["name"] in ("Condom", "Auch")
        assert villages[code]["installed_solos"] - earlier["installed_solos"] == solos
        assert villages[code]["new_inhabitants"] - earlier["new_inhabitants"] == inhabitants
    retention_moved = moved(after["retention_12_months"], before["retention_12_months"],
                            ("due", "active_after_12_months", "followed_up", "still_here"))
    assert retention_moved == {"due": 1, "active_after_12_months": 1, "followed_up": 1,
                               "still_here": 1}
    counts = ("due", "followed_up", "still_here", "activity_going")
    assert [{"months": a["months"], **moved(a, b, counts)} for a, b in zip(
        after["follow_ups"], before["follow_ups"], strict=True)] == [
        {k: v for k, v in f.items() if k != "still_here_rate"} for f in expected_follow_ups()]
    assert moved(after["notifications"], before["notifications"], ("sent", "failed")) == \
        {"sent": 1, "failed": 1}
    weeks_before = by_key(before["bookings_per_week"], "week")
    weeks = by_key(after["bookings_per_week"], "week")
    b2_week = script.weeks["b2"]
    assert b2_week == iso_week(script.events[12].data.starts_at)
    assert weeks[b2_week]["cancelled"] - weeks_before.get(b2_week, {"cancelled": 0})[
        "cancelled"] == 1
    assert 0 < after["conversion_rate"] <= 1


async def test_each_event_is_handled_once_and_nothing_personal_is_kept(dashboard, publish, db):
    script = scripted_stream(today())
    for event in script.events + script.events:  # the whole stream twice
        await publish(event)
    await handled(db, script.distinct)
    rows = await db.fetch("SELECT consumer, count(*) AS n FROM inbox WHERE event_id = "
                          "ANY($1::uuid[]) GROUP BY consumer", list(script.distinct))
    assert sum(r["n"] for r in rows) == len(script.distinct)
    assert all(r["consumer"].startswith("dashboard.") for r in rows)

    dump = ""
    for table in PROJECTION_TABLES:
        dump += " ".join(str(dict(r)) for r in await db.fetch(f"SELECT * FROM {table}"))
    assert not [word for word in PERSONAL if word in dump]


async def empty_feed(db) -> None:
    """The feed keeps its 50 newest lines, and the scripted events happen early today:
    platforms started earlier in this run (tests/e2e) may have filled it with newer ones,
    which would push the lines these tests look for out at once."""
    await db.execute("DELETE FROM recent_event")


async def test_an_erasure_keeps_the_counts_and_drops_the_persons_feed_lines(dashboard,
                                                                            publish, db):
    script = scripted_stream(today())
    carla = script.ids["carla"]
    contact = next(e for e in script.events if getattr(e.data, "prospect_id", None) == carla
                   and e.type == "contact.received")
    await empty_feed(db)
    before = await kpis(dashboard)
    await publish(contact)
    await handled(db, [contact.id])
    assert await db.fetchval("SELECT count(*) FROM recent_event WHERE prospect_id = $1",
                             carla) == 1
    erasure = script.events[-1]
    await publish(erasure)
    await handled(db, [erasure.id])
    assert await db.fetchval("SELECT count(*) FROM recent_event WHERE prospect_id = $1",
                             carla) == 0
    after = await kpis(dashboard)
    assert moved(after, before, ("contacts", "prospects", "erased_people")) == \
        {"contacts": 1, "prospects": 1, "erased_people": 1}
    assert await db.fetchval("SELECT type FROM recent_event WHERE event_id = $1",
                             erasure.id) == "prospect.erased"


async def test_an_erased_members_follow_ups_still_count_and_leave_the_feed(dashboard,
                                                                           publish, db):
    script = scripted_stream(today())
    anna, member = script.ids["anna"], script.ids["anna_member"]
    mine = [e for e in script.events if getattr(e.data, "member_id", None) == member
            and e.type in ("solo.installed", "member.followed_up")]
    late = next(e for e in mine if e.type == "member.followed_up" and e.data.months == 1)
    early = [e for e in mine if e is not late]
    await empty_feed(db)
    before = await kpis(dashboard)
    for e in early:
        await publish(e)
    await handled(db, {e.id for e in early})
    assert await db.fetchval("SELECT count(*) FROM recent_event WHERE member_id = $1 AND "
                             "type = 'member.followed_up'", member) > 0
    erasure = new_erasure(anna)
    await publish(erasure)
    await handled(db, [erasure.id])
    await publish(late)  # a follow-up arriving after the erasure
    await handled(db, [late.id])
    assert await db.fetchval("SELECT count(*) FROM recent_event WHERE member_id = $1 "
                             "OR prospect_id = $2", member, anna) == 0
    after = await kpis(dashboard)
    assert moved(after["retention_12_months"], before["retention_12_months"],
                 ("followed_up", "still_here")) == {"followed_up": 1, "still_here": 1}
    assert moved(after["follow_ups"][0], before["follow_ups"][0],
                 ("followed_up", "still_here")) == {"followed_up": 1, "still_here": 1}


def new_erasure(prospect_id):
    return new_event(ProspectErased(prospect_id=prospect_id), source="/soho/prospects",
                     subject=str(prospect_id))
