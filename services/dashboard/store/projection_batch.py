"""The projections of one batch of replayed events, held in memory and written back in a
few statements at the end of the batch (the live consumers write each event as it comes;
a replay of millions of events cannot afford ten statements each).

Each event's changes go to an overlay first: kept when the projector finishes the event,
dropped when it fails (then the event is skipped, as the live consumer would dead-letter it)."""

import dataclasses
import json
import uuid
from collections import Counter
from typing import Any

import asyncpg

from ..domain.entities import Entity
from ..domain.feed import RecentEvent
from ..domain.tally import FigureKey
from .projection import (ADD_RECENT, ADD_TO_FIGURES, FORGET_PERSON, RECENT_EVENTS_KEPT,
                         TRIM_RECENT)

Key = tuple[str, uuid.UUID]


def _columns(entity: Entity) -> list[str]:
    return [f.name for f in dataclasses.fields(entity.state)]


class BatchStore:
    def __init__(self, conn: asyncpg.Connection):
        self.conn = conn
        self.entities: dict[str, Entity] = {}
        self.states: dict[Key, Any] = {}
        self.dirty: set[Key] = set()
        self.moves: Counter[FigureKey] = Counter()
        self.recent: dict[uuid.UUID, RecentEvent] = {}
        self.forgotten: list[uuid.UUID] = []
        self.begin_event()

    async def prefetch(self, wanted: list[tuple[Entity, uuid.UUID]]) -> None:
        """Read the states a batch will need, one query per table."""
        by_table: dict[str, tuple[Entity, set[uuid.UUID]]] = {}
        for entity, key in wanted:
            if (entity.table, key) not in self.states:
                by_table.setdefault(entity.table, (entity, set()))[1].add(key)
        for table, (entity, keys) in by_table.items():
            self.entities[table] = entity
            rows = await self.conn.fetch(f"SELECT id, {', '.join(_columns(entity))} FROM "
                                         f"{table} WHERE id = ANY($1::uuid[])", list(keys))
            found = {r["id"]: r for r in rows}
            for key in keys:
                row = found.get(key)
                self.states[(table, key)] = entity.state(
                    **{c: row[c] for c in _columns(entity)}) if row else entity.state()

    # The store the projector sees (use_cases/projection_store.py), writing to the event's overlay.
    async def load(self, entity: Entity, key: uuid.UUID) -> Any:
        k = (entity.table, key)
        if k in self._states:
            return self._states[k]
        if k not in self.states:
            row = await self.conn.fetchrow(
                f"SELECT {', '.join(_columns(entity))} FROM {entity.table} WHERE id = $1", key)
            self.states[k] = entity.state(**dict(row)) if row else entity.state()
            self.entities[entity.table] = entity
        return self.states[k]

    async def save(self, entity: Entity, key: uuid.UUID, state: Any) -> None:
        self._states[(entity.table, key)] = state

    async def add_to_figures(self, moves: dict[FigureKey, int]) -> None:
        self._moves.update(moves)

    async def add_recent(self, entry: RecentEvent) -> None:
        self._recent.append(entry)

    async def forget_person_in_feed(self, prospect_id: uuid.UUID) -> None:
        self._forgotten.append(prospect_id)

    # The batch's side.
    def begin_event(self) -> None:
        self._states: dict[Key, Any] = {}
        self._moves: Counter[FigureKey] = Counter()
        self._recent: list[RecentEvent] = []
        self._forgotten: list[uuid.UUID] = []

    def end_event(self) -> None:
        """Keep what the event changed."""
        self.states.update(self._states)
        self.dirty.update(self._states)
        self.moves.update(self._moves)
        for prospect_id in self._forgotten:  # lines already waiting in this batch
            members = {key for (table, key), state in self.states.items()
                       if table == "member" and state.prospect_id == prospect_id}
            self.recent = {i: e for i, e in self.recent.items()
                           if e.prospect_id != prospect_id and e.member_id not in members}
        self.forgotten.extend(self._forgotten)
        for entry in self._recent:
            self.recent.setdefault(entry.event_id, entry)
        self.begin_event()

    async def flush(self) -> None:
        for table, entity in self.entities.items():
            keys = [k for k in self.dirty if k[0] == table]
            if not keys:
                continue
            columns = _columns(entity)
            await self.conn.executemany(
                f"INSERT INTO {table} (id, {', '.join(columns)}) VALUES "
                f"({', '.join(f'${i + 1}' for i in range(len(columns) + 1))}) "
                f"ON CONFLICT (id) DO UPDATE SET "
                f"{', '.join(f'{c} = EXCLUDED.{c}' for c in columns)}",
                [(k[1], *(getattr(self.states[k], c) for c in columns)) for k in keys])
        for prospect_id in self.forgotten:  # lines written by earlier batches
            await self.conn.execute(FORGET_PERSON, prospect_id)
        if self.recent:
            await self.conn.executemany(ADD_RECENT, [
                (e.event_id, e.type, e.occurred_at, json.dumps(e.facts), e.prospect_id,
                 e.member_id) for e in self.recent.values()])
            await self.conn.execute(TRIM_RECENT, RECENT_EVENTS_KEPT - 1)
        moves = {k: v for k, v in self.moves.items() if v}
        if moves:
            keys = sorted(moves)
            await self.conn.execute(ADD_TO_FIGURES, [k[0] for k in keys], [k[1] for k in keys],
                                    [k[2] for k in keys], [moves[k] for k in keys])
