"""The installation checklist: its template, and what may happen to a step.

A step is pending, done or skipped (with a reason). Completing one needs each of its
prerequisites resolved (done or skipped); reopening one is refused while a step that
needs it is done. Due dates count from the case's opening day (Europe/Paris)."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class OwnerRole(StrEnum):
    ADVISER = "adviser"        # the programme's staff member following the case
    HOUSEHOLD = "household"    # the solo and their family
    COMMITTEE = "committee"    # the village's welcome committee


class StepStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class StepTemplate:
    key: str
    title_fr: str
    title_en: str
    owner: OwnerRole
    due_days: int
    prerequisites: tuple[str, ...] = ()
    only_with_children: bool = False


TEMPLATE: tuple[StepTemplate, ...] = (
    StepTemplate("discovery_visit", "Visite de découverte", "Discovery visit",
                 OwnerRole.ADVISER, 30),
    StepTemplate("village_chosen", "Village choisi", "Village chosen",
                 OwnerRole.HOUSEHOLD, 45, ("discovery_visit",)),
    StepTemplate("housing_found", "Logement trouvé", "Housing found",
                 OwnerRole.HOUSEHOLD, 90, ("village_chosen",)),
    StepTemplate("business_setup", "Création d'activité ou accord de l'employeur",
                 "Business set-up or employer agreement", OwnerRole.ADVISER, 90,
                 ("discovery_visit",)),
    StepTemplate("broadband_confirmed", "Connexion internet confirmée", "Broadband confirmed",
                 OwnerRole.ADVISER, 100, ("housing_found",)),
    StepTemplate("school_enrolment", "Inscription à l'école", "School enrolment",
                 OwnerRole.HOUSEHOLD, 110, ("village_chosen",), only_with_children=True),
    StepTemplate("welcome_meeting", "Rencontre avec le comité d'accueil",
                 "Welcome meeting with the committee", OwnerRole.COMMITTEE, 75,
                 ("village_chosen",)),
    StepTemplate("joined_network", "Entrée dans le réseau des membres", "Joined the network",
                 OwnerRole.ADVISER, 150, ("welcome_meeting",)),
)
TEMPLATE_BY_KEY = {t.key: t for t in TEMPLATE}


@dataclass(frozen=True)
class PlannedStep:
    key: str
    position: int
    owner: OwnerRole
    due_on: datetime.date
    prerequisites: tuple[str, ...]


def plan_checklist(opened_on: datetime.date, expects_children: bool | None) -> list[PlannedStep]:
    """The steps of a new case. School enrolment unless we know there are no children
    (when unknown, staff skip it with a reason once they know)."""
    chosen = [t for t in TEMPLATE if not (t.only_with_children and expects_children is False)]
    keys = {t.key for t in chosen}
    return [PlannedStep(t.key, position, t.owner, opened_on + datetime.timedelta(days=t.due_days),
                        tuple(p for p in t.prerequisites if p in keys))
            for position, t in enumerate(chosen)]


class StepConflict(Exception):
    """The step cannot change that way now (an HTTP 409)."""


@dataclass(frozen=True)
class StepState:
    key: str
    status: StepStatus
    prerequisites: tuple[str, ...] = ()
    due_on: datetime.date | None = None


def _step(steps: Mapping[str, StepState], key: str) -> StepState:
    if key not in steps:
        raise KeyError(key)
    return steps[key]


def check_complete(steps: Mapping[str, StepState], key: str) -> None:
    step = _step(steps, key)
    if step.status is not StepStatus.PENDING:
        raise StepConflict(f"step {key} is already {step.status}")
    missing = [p for p in step.prerequisites
               if p in steps and steps[p].status is StepStatus.PENDING]
    if missing:
        raise StepConflict(f"step {key} needs first: {', '.join(missing)}")


def check_skip(steps: Mapping[str, StepState], key: str) -> None:
    """Skipping is the way out when a step does not apply; it needs no prerequisite."""
    step = _step(steps, key)
    if step.status is not StepStatus.PENDING:
        raise StepConflict(f"step {key} is already {step.status}")


def check_reopen(steps: Mapping[str, StepState], key: str) -> None:
    step = _step(steps, key)
    if step.status is StepStatus.PENDING:
        raise StepConflict(f"step {key} is not resolved")
    done_after = [s.key for s in steps.values()
                  if key in s.prerequisites and s.status is StepStatus.DONE]
    if done_after:
        raise StepConflict(f"step {key} is needed by steps already done: "
                           f"{', '.join(done_after)}; reopen them first")


def is_overdue(step: StepState, today: datetime.date) -> bool:
    return step.status is StepStatus.PENDING and step.due_on is not None and step.due_on < today


def school_step_change(expects_children: bool | None,
                       school_step: StepStatus | None) -> str | None:
    """When staff learn how many children there are: "add" the school step (children, or
    maybe), "skip" it (none), or None (nothing to change)."""
    if expects_children is not False and school_step is None:
        return "add"
    if expects_children is False and school_step is StepStatus.PENDING:
        return "skip"
    return None
