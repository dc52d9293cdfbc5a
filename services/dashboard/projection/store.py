"""What a projection needs from where it keeps its state: PostgreSQL in the service
(sql_store.py), plain dictionaries in the unit tests."""

import datetime
import uuid
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..domain.tally import FigureKey
from .entities import Entity


@dataclass(frozen=True)
class RecentEvent:
    event_id: uuid.UUID
    type: str
    occurred_at: datetime.datetime
    facts: dict[str, Any] = field(default_factory=dict)
    prospect_id: uuid.UUID | None = None
    member_id: uuid.UUID | None = None


class ProjectionStore(Protocol):
    async def load(self, entity: Entity, key: uuid.UUID) -> Any:
        """The thing's state (its default when new), locked until the transaction ends."""

    async def save(self, entity: Entity, key: uuid.UUID, state: Any) -> None: ...

    async def add_to_figures(self, moves: dict[FigureKey, int]) -> None: ...

    async def add_recent(self, entry: RecentEvent) -> None:
        """Keep the event for the feed (only the latest few are kept)."""

    async def forget_person_in_feed(self, prospect_id: uuid.UUID) -> None:
        """Drop the feed lines about that person and their member entry."""
