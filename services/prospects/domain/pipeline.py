"""The rules of the pipeline: values in, decisions out; no I/O."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from .vocabulary import MoveHorizon, Sector, Stage, Viability


class StageConflict(Exception):
    """The prospect's stage does not allow this change (a 409)."""


# Where staff may move a prospect by hand. `qualified` is reached only through a
# qualification (it records the facts behind it) and `installed` also from onboarding's
# `solo.installed`. A lost prospect may be reopened where it stood.
_MANUAL_MOVES: dict[Stage, set[Stage]] = {
    Stage.NEW: {Stage.CONTACTED, Stage.LOST},
    Stage.CONTACTED: {Stage.LOST},
    Stage.QUALIFIED: {Stage.INSTALLING, Stage.LOST},
    Stage.INSTALLING: {Stage.INSTALLED, Stage.LOST},
    Stage.INSTALLED: set(),
    Stage.LOST: set(),
}


def allowed_moves(current: Stage, *, qualified: bool) -> set[Stage]:
    """The stages staff may move a prospect to by hand from `current`."""
    if current is Stage.LOST:  # reopen where the project stood
        return {Stage.QUALIFIED if qualified else Stage.CONTACTED}
    return set(_MANUAL_MOVES[current])


def check_stage_change(current: Stage, target: Stage, *, qualified: bool,
                       reason: str | None) -> None:
    """Raise StageConflict unless staff may move a prospect from `current` to `target`."""
    if target is Stage.QUALIFIED and current is not Stage.LOST:
        raise StageConflict("a prospect becomes qualified through POST .../qualify")
    if target is Stage.LOST and not reason:
        raise ValueError("a lost prospect needs a reason")
    allowed = allowed_moves(current, qualified=qualified)
    if target not in allowed:
        raise StageConflict(f"cannot move a prospect from {current} to {target}"
                            + (f" (allowed: {', '.join(sorted(allowed))})" if allowed else ""))


def check_can_qualify(current: Stage, *, already_qualified: bool) -> None:
    if already_qualified:
        raise StageConflict("this prospect is already qualified")
    if current not in (Stage.NEW, Stage.CONTACTED):
        raise StageConflict(f"a {current} prospect cannot be qualified")


@dataclass(frozen=True)
class Qualification:
    """The facts behind a serious, viable project, gathered by staff with the person."""

    remote_work_viability: Viability
    household_adults: int
    household_children: int
    target_villages: list[str]
    move_horizon: MoveHorizon
    sector: Sector | None = None
    notes: str | None = None

    def as_record(self) -> dict:
        """The facts as plain values (the words as they are stored)."""
        return {"remote_work_viability": self.remote_work_viability.value,
                "household_adults": self.household_adults,
                "household_children": self.household_children,
                "target_villages": list(self.target_villages),
                "move_horizon": self.move_horizon.value,
                "sector": self.sector.value if self.sector else None, "notes": self.notes}


@dataclass(frozen=True)
class ScoreReason:
    factor: str
    points: int
    explanation: str


@dataclass(frozen=True)
class Score:
    value: int  # 0 to 100
    reasons: list[ScoreReason]


VIABILITY_POINTS = {Viability.CONFIRMED: 40, Viability.LIKELY: 25, Viability.TO_CONFIRM: 10}
HORIZON_POINTS = {MoveHorizon.WITHIN_6_MONTHS: 25, MoveHorizon.WITHIN_A_YEAR: 20,
                  MoveHorizon.WITHIN_2_YEARS: 10, MoveHorizon.LATER: 5,
                  MoveHorizon.UNDECIDED: 0}


def qualification_score(viability: Viability, horizon: MoveHorizon, *, adults: int,
                        children: int, target_villages: list[str]) -> Score:
    """How ripe the project is, out of 100, and why: a livelihood that travels weighs most,
    then how soon, then villages in mind and a family (children keep village schools open)."""
    reasons = [
        ScoreReason("remote_work_viability", VIABILITY_POINTS[viability],
                    f"remote work viability: {viability}"),
        ScoreReason("move_horizon", HORIZON_POINTS[horizon], f"move horizon: {horizon}"),
    ]
    if target_villages:
        reasons.append(ScoreReason("target_villages", 15 if len(target_villages) <= 3 else 10,
                                   f"{len(target_villages)} target village(s) chosen"))
    else:
        reasons.append(ScoreReason("target_villages", 0, "no target village yet"))
    reasons.append(ScoreReason("children", 10 if children else 0,
                               f"{children} child(ren) in the household"))
    reasons.append(ScoreReason("adults", 10 if adults >= 2 else 5,
                               f"{adults} adult(s) in the household"))
    return Score(min(100, sum(r.points for r in reasons)), reasons)


def household_size(adults: int | None, children: int | None,
                   declared: int | None) -> int | None:
    """The household's size from its parts, or as declared; ValueError if they disagree."""
    if adults is None and children is None:
        return declared
    total = (adults or 0) + (children or 0)
    if declared is not None and declared != total:
        raise ValueError(f"household_size {declared} is not adults + children ({total})")
    return total or declared


def retention_cutoff(now: datetime, retention: timedelta) -> datetime:
    """Prospects whose last contact is before this are anonymised."""
    return now - retention
