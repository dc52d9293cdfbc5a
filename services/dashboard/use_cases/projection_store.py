"""What a projection needs from where it keeps its state: PostgreSQL in the service
(store/projection.py, or store/projection_batch.py for a rebuild's batches), plain
dictionaries in the unit tests."""

import uuid
from typing import Any, Protocol

from ..domain.entities import Entity
from ..domain.feed import RecentEvent
from ..domain.tally import FigureKey


class ProjectionStore(Protocol):
    async def load(self, entity: Entity, key: uuid.UUID) -> Any:
        """The thing's state (its default when new), locked until the transaction ends."""

    async def save(self, entity: Entity, key: uuid.UUID, state: Any) -> None: ...

    async def add_to_figures(self, moves: dict[FigureKey, int]) -> None: ...

    async def add_recent(self, entry: RecentEvent) -> None:
        """Keep the event for the feed (only the latest few are kept)."""

    async def forget_person_in_feed(self, prospect_id: uuid.UUID) -> None:
        """Drop the feed lines about that person and their member entry."""
