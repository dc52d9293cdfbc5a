"""member.followed_up: per member and milestone the latest recorded answer counts, in any
order; only the solos whose milestone has come are counted; an erased person's follow-ups
still count but never show in the feed."""

import asyncio
import datetime
import itertools
import uuid

from services.dashboard.domain import members
from services.dashboard.domain.reading import assemble
from services.dashboard.domain.tally import total
from services.dashboard.use_cases.feed import feed_line
from shared.events import MemberFollowedUp, ProspectErased, SoloInstalled
from shared.events.solo_installed import InstalledVillage

from .memory_store import MemoryStore
from .scripted_stream import event

TODAY = datetime.date(2026, 11, 22)
NOW = datetime.datetime(2026, 11, 22, 12, tzinfo=datetime.UTC)


def at(days_ago: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(TODAY - datetime.timedelta(days=days_ago),
                                     datetime.time(hour), datetime.UTC)


def installed(member_id, prospect_id, days_ago: int):
    return event(SoloInstalled(
        member_id=member_id, prospect_id=prospect_id, case_id=uuid.uuid4(),
        village=InstalledVillage(insee_code="32013", name="Auch"),
        installed_on=TODAY - datetime.timedelta(days=days_ago), household_size=2),
        at(days_ago), "/soho/onboarding", str(member_id))


def followed_up(member_id, prospect_id, months, recorded: datetime.datetime, still_here,
                going=True):
    return event(MemberFollowedUp(
        member_id=member_id, prospect_id=prospect_id, months=months, due_on=TODAY,
        still_here=still_here, activity_going=going, recorded_at=recorded,
        insee_code="32013"), recorded, "/soho/onboarding", str(member_id))


def project_all(events) -> MemoryStore:
    store = MemoryStore()

    async def run():
        for e in events:
            await store.handle(e)
    asyncio.run(run())
    return store


def twelve(store: MemoryStore):
    return assemble(store.rows(), now=NOW, today=TODAY, last_event_at=None).retention_12_months


def test_the_latest_recording_wins_whatever_the_order():
    member, person = uuid.uuid4(), uuid.uuid4()
    stream = [installed(member, person, 400),
              followed_up(member, person, 12, at(30, 9), True),
              followed_up(member, person, 12, at(30, 11), False),  # the correction
              followed_up(member, person, 12, at(30, 10), True)]
    for order in itertools.permutations(stream):
        r = twelve(project_all(order))
        assert (r.due, r.followed_up, r.still_here, r.still_here_rate) == (1, 1, 0, 0.0), order


def test_a_milestone_not_come_yet_is_not_counted_and_none_followed_up_gives_no_rate():
    member, person = uuid.uuid4(), uuid.uuid4()
    early = project_all([installed(member, person, 300),
                         followed_up(member, person, 12, at(1), True)])
    r = twelve(early)
    assert (r.due, r.followed_up, r.still_here, r.still_here_rate) == (0, 0, 0, None)
    six = assemble(early.rows(), now=NOW, today=TODAY, last_event_at=None).follow_ups[1]
    assert (six.months, six.due, six.followed_up) == (6, 1, 0)
    # The same follow-up with no installation known yet counts nowhere.
    alone = project_all([followed_up(member, person, 12, at(1), True)])
    assert twelve(alone).followed_up == 0
    assert alone.figures[total("members")] == 1 and alone.figures[total("installed_solos")] == 0


def test_an_erased_persons_follow_ups_count_but_leave_the_feed():
    member, person = uuid.uuid4(), uuid.uuid4()
    erased = event(ProspectErased(prospect_id=person), at(5), "/soho/prospects", str(person))
    before = followed_up(member, person, 12, at(30), True)
    after = followed_up(member, person, 6, at(2), True)
    store = project_all([installed(member, person, 400), before, erased, after])
    assert twelve(store).still_here == 1
    assert {e.type for e in store.recent.values()} == {"prospect.erased"}
    # Seen before the erasure arrives, the line goes when it does.
    late = project_all([installed(member, person, 400), after, erased])
    assert {e.type for e in late.recent.values()} == {"prospect.erased"}


def test_a_follow_up_answer_of_an_unknown_milestone_changes_nothing():
    state = members.MemberState()
    answer = members.FollowUpAnswer(3, True, True, "00|x|y")
    assert members.with_follow_up(state, answer) == members.seen(state)


def test_the_feed_tells_a_follow_up_in_french_or_english_without_the_note():
    facts = {"months": 12, "still_here": True, "activity_going": False, "insee_code": "32013"}
    fr = feed_line(uuid.uuid4(), "member.followed_up", NOW, facts, "fr")
    en = feed_line(uuid.uuid4(), "member.followed_up", NOW, facts, "en")
    assert (fr.title, fr.summary) == ("Suivi d'un foyer installé",
                                      "12 mois · toujours là · activité arrêtée · à Auch")
    assert (en.title, en.summary) == ("Follow-up of a household",
                                      "12 months · still here · activity stopped · in Auch")
