"""The projections kept in dictionaries: the same projector as the service, no database.
Used to check the rules (order, duplicates) and, in integration tests, as the reference
the figures computed from a stream must match."""

import uuid
from collections import Counter
from typing import Any

from services.dashboard.domain.entities import Entity
from services.dashboard.domain.feed import RecentEvent
from services.dashboard.domain.reading import Row
from services.dashboard.domain.tally import FigureKey
from services.dashboard.use_cases.projection import project
from shared.events import CloudEvent


class MemoryStore:
    def __init__(self) -> None:
        self.states: dict[tuple[str, uuid.UUID], Any] = {}
        self.figures: Counter[FigureKey] = Counter()
        self.recent: dict[uuid.UUID, RecentEvent] = {}
        self.handled: set[uuid.UUID] = set()

    async def load(self, entity: Entity, key: uuid.UUID) -> Any:
        return self.states.get((entity.table, key), entity.state())

    async def save(self, entity: Entity, key: uuid.UUID, state: Any) -> None:
        self.states[(entity.table, key)] = state

    async def add_to_figures(self, moves: dict[FigureKey, int]) -> None:
        self.figures.update(moves)

    async def add_recent(self, entry: RecentEvent) -> None:
        self.recent.setdefault(entry.event_id, entry)

    async def forget_person_in_feed(self, prospect_id: uuid.UUID) -> None:
        members = {key for (table, key), state in self.states.items()
                   if table == "member" and state.prospect_id == prospect_id}
        self.recent = {k: e for k, e in self.recent.items()
                       if e.prospect_id != prospect_id and e.member_id not in members}

    async def handle(self, event: CloudEvent[Any]) -> None:
        """As the inbox does: each event id once."""
        if event.id not in self.handled:
            self.handled.add(event.id)
            await project(self, event)

    def rows(self) -> list[Row]:
        return [(*key, value) for key, value in self.figures.items() if value]

    def newest_recent(self, n: int) -> list[RecentEvent]:
        return sorted(self.recent.values(), key=lambda e: (e.occurred_at, e.event_id),
                      reverse=True)[:n]
