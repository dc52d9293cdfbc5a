"""The projector on a scripted stream (no database): exact figures, and the same figures
whatever the order the events come in and however often they are repeated."""

import asyncio
import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from services.dashboard.domain.dates import iso_week
from services.dashboard.domain.reading import assemble

from .memory_store import MemoryStore
from .scripted_stream import (PERSONAL, expected_by_sector, expected_follow_ups, expected_totals,
                              scripted_stream)

TODAY = datetime.date(2026, 11, 22)
NOW = datetime.datetime(2026, 11, 22, 12, tzinfo=datetime.UTC)


def project_all(events) -> MemoryStore:
    store = MemoryStore()

    async def run() -> None:
        for event in events:
            await store.handle(event)

    asyncio.run(run())
    return store


def kpis(store: MemoryStore):
    return assemble(store.rows(), now=NOW, today=TODAY, last_event_at=None)


def test_a_scripted_stream_with_duplicates_gives_exact_figures():
    script = scripted_stream(TODAY)
    k = kpis(project_all(script.events))
    assert {name: getattr(k, name) for name in expected_totals()} == expected_totals()
    assert k.conversion_rate == 0.75
    assert k.by_origin_country == {"BE": 1, "GB": 1, "NL": 1, "unknown": 1}
    assert k.by_sector == expected_by_sector("") | {"unknown": 1}
    assert k.contacts_by_channel == {"email": 1, "event": 1, "phone": 1, "web": 2}
    assert k.funnel.model_dump() == {
        "contacted": 4, "qualified": 3, "installed": 2, "contacted_to_qualified": 0.75,
        "qualified_to_installed": 0.6667, "contacted_to_installed": 0.5}
    anna_year = (TODAY - datetime.timedelta(days=400)).year
    dirk_year = (TODAY - datetime.timedelta(days=100)).year
    years = {y.year: (y.installed_solos, y.new_inhabitants) for y in k.installations_by_year}
    assert years == ({anna_year: (1, 3), dirk_year: (1, 1)} if anna_year != dirk_year
                     else {anna_year: (2, 4)})
    villages = {(v.insee_code, v.name, v.installed_solos, v.new_inhabitants)
                for v in k.installations_by_village}
    assert villages == {("32107", "Condom", 1, 3), ("32013", "Auch", 1, 1)}
    occupancy = {(t.telecentre_id, t.bookings, t.bookings_made, t.desk_hours, t.desks_used)
                 for t in k.telecentre_occupancy}
    ids = script.ids
    assert occupancy == {(str(ids["t1"]), 1, 2, 3.0, 2), (str(ids["t2"]), 1, 1, 4.0, 1)}
    weeks = {w.week: (w.made, w.cancelled, w.standing) for w in k.bookings_per_week}
    assert sum(made for made, _, _ in weeks.values()) == 3
    assert weeks[script.weeks["b2"]][1] == 1
    assert k.retention_12_months.model_dump() == {
        "months": 12, "due": 1, "active_after_12_months": 1, "active_rate": 1.0,
        "followed_up": 1, "still_here": 1, "still_here_rate": 1.0}
    assert [f.model_dump() for f in k.follow_ups] == expected_follow_ups()
    assert k.notifications.model_dump() == {
        "sent": 1, "failed": 1, "by_channel": {"email": {"sent": 1, "failed": 0},
                                               "webhook": {"sent": 0, "failed": 1}}}


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_any_order_and_any_repetition_gives_the_same_figures(data):
    script = scripted_stream(TODAY)
    in_order = project_all(script.events)
    shuffled = data.draw(st.permutations(script.events))
    repeats = data.draw(st.lists(st.sampled_from(script.events), max_size=10))
    positions = data.draw(st.lists(st.integers(0, len(shuffled)), min_size=len(repeats),
                                   max_size=len(repeats)))
    stream = list(shuffled)
    for event, position in zip(repeats, positions, strict=True):
        stream.insert(position, event)
    other = project_all(stream)
    assert sorted(other.rows()) == sorted(in_order.rows())
    assert other.newest_recent(50) == in_order.newest_recent(50)


def test_the_feed_keeps_no_personal_data_and_forgets_the_erased_person():
    script = scripted_stream(TODAY)
    store = project_all(script.events)
    text = repr([e.facts for e in store.recent.values()])
    assert not [word for word in PERSONAL if word in text]
    assert all(e.prospect_id != script.ids["carla"] for e in store.recent.values())
    assert "prospect.erased" in {e.type for e in store.recent.values()}
    assert kpis(store).prospects == 4, "the erased person is still counted"


def test_bookings_are_weeked_in_paris_time():
    late_sunday_utc = datetime.datetime(2026, 1, 4, 23, 30, tzinfo=datetime.UTC)
    assert iso_week(late_sunday_utc) == "2026-W02"  # already Monday in Paris
    assert iso_week(late_sunday_utc - datetime.timedelta(hours=1)) == "2026-W01"


def test_a_replay_can_read_beforehand_every_state_an_event_needs():
    """The rebuild reads a batch's states in advance from `loads`: it must name them all."""
    from services.dashboard.use_cases.projection import loads, project

    class Spy(MemoryStore):
        def __init__(self):
            super().__init__()
            self.loaded = []

        async def load(self, entity, key):
            self.loaded.append((entity, key))
            return await super().load(entity, key)

    for event in scripted_stream(TODAY).events:
        spy = Spy()
        asyncio.run(project(spy, event))
        assert set(spy.loaded) <= set(loads(event)), event.type
