"""Which villages suit a household, best first, each with the reasons for its rank.

Points, so that a reason weighs what staff would give it: a village the household asked
for comes first (its points exceed everything else a village can earn, so only a known
drawback, no school or a slow line, lets another pass it), then the programme's host
villages (a committee ready), a school when there are children, broadband good enough to
work from home, and nearness to Auch or Toulouse (services, trains, the airport)."""

from collections.abc import Iterable
from dataclasses import dataclass

from .household import Household
from .villages import BroadbandTechnology, HostStatus, VillageProfile

WISHED = 80
HOST = {HostStatus.HOST: 25, HostStatus.ASSOCIATED: 12, HostStatus.NONE: 0}
COMMITTEE = 5
SCHOOL = 20
FAST_BROADBAND, GOOD_BROADBAND, POOR_BROADBAND = 15, 8, -15
NEARNESS_MAX, NEARNESS_KM_PER_POINT = 10.0, 6.0  # 10 points in town, none past 60 km
BEST_UNWISHED = HOST[HostStatus.HOST] + COMMITTEE + SCHOOL + FAST_BROADBAND + NEARNESS_MAX
assert WISHED > BEST_UNWISHED, "a wish outweighs everything else a village can offer"


@dataclass(frozen=True)
class Reason:
    factor: str  # wish, host_status, committee, school, broadband, distance
    points: float
    fr: str
    en: str


@dataclass(frozen=True)
class Match:
    village: VillageProfile
    score: float
    reasons: tuple[Reason, ...]


def _school(household: Household, village: VillageProfile) -> Reason | None:
    children = household.expects_children
    if children is False:
        return None
    weight = SCHOOL if children else SCHOOL / 2  # unknown: maybe children, half the weight
    if village.has_school is None:
        return Reason("school", 0, "école : à vérifier", "school: to be checked")
    if village.has_school:
        return Reason("school", weight, "école dans le village", "school in the village")
    return Reason("school", -weight, "pas d'école dans le village", "no school in the village")


def _broadband(village: VillageProfile) -> Reason:
    mbps, technology = village.broadband_mbps, village.broadband_technology
    speed = f" ({mbps} Mbit/s)" if mbps is not None else ""
    if technology is BroadbandTechnology.FIBRE or (mbps is not None and mbps >= 100):
        return Reason("broadband", FAST_BROADBAND, f"très haut débit{speed}",
                      f"very fast broadband{speed}")
    if mbps is not None and mbps >= 30:
        return Reason("broadband", GOOD_BROADBAND, f"bon débit{speed}", f"good broadband{speed}")
    if technology is BroadbandTechnology.NONE or (mbps is not None and mbps < 8):
        return Reason("broadband", POOR_BROADBAND, f"débit insuffisant{speed}",
                      f"broadband too slow{speed}")
    return Reason("broadband", 0, f"débit à vérifier{speed}", f"broadband to be checked{speed}")


def _distance(village: VillageProfile) -> Reason:
    d = village.distances
    points = round(max(0.0, NEARNESS_MAX - d.nearest_city_km / NEARNESS_KM_PER_POINT), 1)
    auch_fr, toulouse_fr = (f"{km:g}".replace(".", ",") for km in (d.auch_km, d.toulouse_km))
    return Reason("distance", points, f"{auch_fr} km d'Auch, {toulouse_fr} km de Toulouse",
                  f"{d.auch_km:g} km from Auch, {d.toulouse_km:g} km from Toulouse")


def reasons_for(household: Household, village: VillageProfile) -> tuple[Reason, ...]:
    reasons: list[Reason | None] = []
    if village.insee_code in household.wished_villages:
        reasons.append(Reason("wish", WISHED, "souhaité par le foyer", "wished by the household"))
    if village.host_status is HostStatus.HOST:
        reasons.append(Reason("host_status", HOST[HostStatus.HOST], "village d'accueil officiel",
                              "official host village"))
    elif village.host_status is HostStatus.ASSOCIATED:
        reasons.append(Reason("host_status", HOST[HostStatus.ASSOCIATED], "village associé",
                              "associated village"))
    if village.has_committee:
        reasons.append(Reason("committee", COMMITTEE, "comité d'accueil joignable",
                              "welcome committee reachable"))
    reasons += [_school(household, village), _broadband(village), _distance(village)]
    return tuple(r for r in reasons if r is not None)


def rank_villages(household: Household, villages: Iterable[VillageProfile],
                  limit: int = 10) -> list[Match]:
    """The `limit` best villages; ties go to the nearer village, then the INSEE code."""
    matches = []
    for village in villages:
        reasons = reasons_for(household, village)
        matches.append(Match(village, round(sum(r.points for r in reasons), 1), reasons))
    matches.sort(key=lambda m: (-m.score, m.village.distances.nearest_city_km,
                                m.village.insee_code))
    return matches[:max(0, limit)]
