"""A person on the way to a village: got in touch, qualified, installed (or erased).

Counted once per prospect id however many contacts they send, and attributed to the origin
country and sector of their most advanced event (installed > qualified > contact; at the
same stage, the latest). An erasure changes no count: the counts survive, the person does not
(the dashboard holds nothing about them but their id)."""

import dataclasses
from dataclasses import dataclass
from enum import IntEnum

from . import normalise
from .tally import Dimension, Tally, by, total
from .versions import newer, version


class Stage(IntEnum):
    """The rank of what an event says about a person (a higher stage wins attributes)."""

    CONTACT = 1
    QUALIFIED = 2
    INSTALLED = 3


@dataclass(frozen=True)
class PersonState:
    contacted: bool = False
    qualified: bool = False
    installed: bool = False
    erased: bool = False
    origin_country: str | None = None
    origin_country_version: str = ""
    sector: str | None = None
    sector_version: str = ""

    @property
    def is_prospect(self) -> bool:
        return self.contacted or self.qualified or self.installed


@dataclass(frozen=True)
class PersonFacts:
    """What one event says about a person."""

    stage: Stage
    origin_country: str | None
    sector: str | None
    version: str

    @classmethod
    def of(cls, stage: Stage, origin_country: str | None, sector: str | None,
           time, event_id) -> "PersonFacts":
        return cls(stage, normalise.country(origin_country), normalise.sector(sector),
                   version(stage, time, event_id))


def with_facts(state: PersonState, facts: PersonFacts) -> PersonState:
    changes: dict = {
        "contacted": state.contacted or facts.stage is Stage.CONTACT,
        "qualified": state.qualified or facts.stage is Stage.QUALIFIED,
        "installed": state.installed or facts.stage is Stage.INSTALLED,
    }
    if facts.origin_country and newer(facts.version, state.origin_country_version):
        changes |= {"origin_country": facts.origin_country,
                    "origin_country_version": facts.version}
    if facts.sector and newer(facts.version, state.sector_version):
        changes |= {"sector": facts.sector, "sector_version": facts.version}
    return dataclasses.replace(state, **changes)


def erased(state: PersonState) -> PersonState:
    return dataclasses.replace(state, erased=True)


def contributions(state: PersonState) -> Tally:
    tally: Tally = Tally()
    stages = [("prospects", state.is_prospect), ("qualified", state.qualified),
              ("installed_people", state.installed)]
    for measure, reached in stages:
        if reached:
            tally[total(measure)] += 1
            tally[by(Dimension.ORIGIN_COUNTRY, state.origin_country, measure)] += 1
            tally[by(Dimension.SECTOR, state.sector, measure)] += 1
    if state.erased:
        tally[total("erased_people")] += 1
    return tally
