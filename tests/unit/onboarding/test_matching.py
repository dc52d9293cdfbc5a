"""Village matching: the ranking for a household and the reasons for each rank."""

import re

from services.onboarding.domain import (AUCH, BroadbandTechnology, HostStatus, Household,
                                        Position, VillageProfile, household_from,
                                        rank_villages, reasons_for)

NEAR_AUCH = Position(AUCH.latitude + 0.02, AUCH.longitude)
FAR = Position(43.52, 0.0)  # ~50 km west of Auch, ~115 km from Toulouse


def village(code: str, **profile) -> VillageProfile:
    return VillageProfile(code, f"v{code}", profile.pop("position", FAR), **profile)


def factors(household: Household, v: VillageProfile) -> dict[str, float]:
    return {r.factor: r.points for r in reasons_for(household, v)}


def test_a_wished_village_comes_first_and_says_why():
    household = household_from(1, None, ["32002"])
    plain, wished = village("32001"), village("32002")
    ranked = rank_villages(household, [plain, wished])
    assert [m.village.insee_code for m in ranked] == ["32002", "32001"]
    assert any(r.factor == "wish" and r.fr and r.en for r in ranked[0].reasons)


def test_host_villages_outrank_associated_ones_which_outrank_the_others():
    household = household_from(1, 0, [])
    ranked = rank_villages(household, [village("32001"),
                                       village("32002", host_status=HostStatus.ASSOCIATED),
                                       village("32003", host_status=HostStatus.HOST)])
    assert [m.village.insee_code for m in ranked] == ["32003", "32002", "32001"]


def test_a_school_counts_only_when_there_are_or_may_be_children():
    with_school, without = village("32001", has_school=True), village("32002", has_school=False)
    single = household_from(1, None, [])
    assert "school" not in factors(single, with_school)
    family = household_from(4, 2, [])
    assert factors(family, with_school)["school"] > 0 > factors(family, without)["school"]
    maybe = household_from(2, None, [])  # two people, children unknown: half the weight
    assert 0 < factors(maybe, with_school)["school"] < factors(family, with_school)["school"]
    assert [m.village.insee_code for m in rank_villages(family, [without, with_school])] == [
        "32001", "32002"]


def test_an_unknown_school_is_a_reason_to_check_worth_nothing():
    reasons = {r.factor: r for r in reasons_for(household_from(3, 1, []), village("32001"))}
    assert reasons["school"].points == 0 and "vérifier" in reasons["school"].fr


def test_broadband_rewards_fibre_and_penalises_a_slow_line():
    h = household_from(1, 0, [])
    fibre = village("32001", broadband_technology=BroadbandTechnology.FIBRE)
    good = village("32002", broadband_technology=BroadbandTechnology.VDSL, broadband_mbps=50)
    slow = village("32003", broadband_technology=BroadbandTechnology.ADSL, broadband_mbps=4)
    unknown = village("32004")
    points = [factors(h, v)["broadband"] for v in (fibre, good, unknown, slow)]
    assert points == sorted(points, reverse=True) and points[2] == 0 and points[3] < 0
    assert "4 Mbit/s" in next(r.fr for r in reasons_for(h, slow) if r.factor == "broadband")


def test_nearer_to_auch_or_toulouse_ranks_higher_and_the_distance_is_told():
    h = household_from(1, 0, [])
    near, far = village("32009", position=NEAR_AUCH), village("32001", position=FAR)
    ranked = rank_villages(h, [far, near])
    assert ranked[0].village is near
    distance = next(r for r in ranked[0].reasons if r.factor == "distance")
    assert "km d'Auch" in distance.fr and "km from Toulouse" in distance.en
    # Decimals as each language writes them: 36,7 km / 36.7 km.
    assert re.search(r"\d\.\d", distance.en) and not re.search(r"\d,\d", distance.en)
    assert re.search(r"\d,\d", distance.fr) and not re.search(r"\d\.\d", distance.fr)


def test_the_score_is_the_sum_of_the_reasons_and_limit_keeps_the_best():
    h = household_from(3, 1, ["32002"])
    villages = [village(f"320{n:02d}", has_school=n % 2 == 0,
                        host_status=HostStatus.HOST if n % 3 == 0 else HostStatus.NONE)
                for n in range(1, 30)]
    ranked = rank_villages(h, villages, limit=5)
    assert len(ranked) == 5
    assert all(m.score == round(sum(r.points for r in m.reasons), 1) for m in ranked)
    assert [m.score for m in ranked] == sorted((m.score for m in ranked), reverse=True)
    assert ranked[0].village.insee_code == "32002"


def test_equal_scores_go_to_the_nearer_village_then_the_insee_code():
    h = household_from(1, 0, [])
    ranked = rank_villages(h, [village("32002"), village("32001")])
    assert [m.village.insee_code for m in ranked] == ["32001", "32002"]


def test_a_wished_village_we_know_little_about_beats_the_best_host_village():
    h = household_from(3, 1, ["32002"])
    best = village("32001", position=AUCH, host_status=HostStatus.HOST, has_committee=True,
                   has_school=True, broadband_technology=BroadbandTechnology.FIBRE)
    ranked = rank_villages(h, [best, village("32002")])
    assert ranked[0].village.insee_code == "32002"


def test_known_drawbacks_can_put_a_wished_village_behind():
    h = household_from(3, 1, ["32002"])
    best = village("32001", position=AUCH, host_status=HostStatus.HOST, has_committee=True,
                   has_school=True, broadband_technology=BroadbandTechnology.FIBRE)
    poor = village("32002", has_school=False, broadband_technology=BroadbandTechnology.NONE)
    assert rank_villages(h, [poor, best])[0].village.insee_code == "32001"
