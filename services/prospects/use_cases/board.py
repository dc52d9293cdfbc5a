"""The staff's pipeline board: the prospects the filters keep, in one column per stage,
each column a keyset page of its own (newest first) with its count. A board costs one
query per column, one for the counts and one for the assignees, whatever it shows."""

import hashlib
import json
import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import asyncpg

from ..domain.pipeline import manual_moves
from ..domain.vocabulary import Stage
from ..store import listing as listing_store
from ..store import reading
from .listing import ListQuery, decode_cursor, prospect_page, store_filters

PARIS = ZoneInfo("Europe/Paris")  # the programme's days: "first contact on 3 March"
PER_COLUMN = 20
SORT = "-created_at"  # newest first: a new contact at the top of its column
STAGES = tuple(Stage)


@dataclass(frozen=True)
class BoardQuery:
    sector: str | None = None
    origin_country: str | None = None
    village: str | None = None
    assigned_to: str | None = None
    unassigned: bool = False
    first_contact_from: date | None = None
    first_contact_to: date | None = None  # inclusive
    cursors: dict[str, str] = field(default_factory=dict)  # stage -> where its page starts
    per_column: int = PER_COLUMN

    def list_query(self, stage: Stage) -> ListQuery:
        start = self.first_contact_from
        end = self.first_contact_to
        return ListQuery(
            stages=[stage.value], sector=self.sector, origin_country=self.origin_country,
            village=self.village, assigned_to=self.assigned_to, unassigned=self.unassigned,
            sort=SORT, cursor=self.cursors.get(stage.value), limit=self.per_column,
            created_from=_paris_midnight(start) if start else None,
            created_before=_paris_midnight(end + timedelta(days=1)) if end else None)


@dataclass(frozen=True)
class Column:
    stage: Stage
    count: int
    cards: list[dict]
    cursor: str | None  # where this page starts (None: the top of the column)
    next_cursor: str | None


@dataclass(frozen=True)
class Board:
    columns: list[Column]
    assignees: list[str]

    @property
    def version(self) -> str:
        """What the board shows, in a few characters: a poll that sees the same version
        has nothing new to show."""
        shown = [(c.stage.value, c.count, c.next_cursor,
                  [(str(card["id"]), card["stage"], card["assigned_to"],
                    card["last_contact_at"].isoformat()) for card in c.cards])
                 for c in self.columns]
        return hashlib.sha256(json.dumps([shown, self.assignees]).encode()).hexdigest()[:16]


def _paris_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), PARIS)


def days_since(then: datetime, now: datetime) -> int:
    """Whole days between two instants, counted in the programme's calendar days."""
    return max(0, (now.astimezone(PARIS).date() - then.astimezone(PARIS).date()).days)


async def board(pool: asyncpg.Pool, query: BoardQuery, now: datetime) -> Board:
    """The board; BadCursor if a column's cursor is not one of ours."""
    columns = []
    async with pool.acquire() as conn:
        every_stage = replace(query.list_query(Stage.NEW), stages=[], cursor=None)
        counts = await listing_store.count_by_stage(conn, store_filters(every_stage))
        for stage in STAGES:
            page = await prospect_page(pool, query.list_query(stage), conn=conn)
            cards = [{**row, "moves": manual_moves(stage, qualified=row["score"] is not None),
                      "days_since_contact": days_since(row["last_contact_at"], now)}
                     for row in page.items]
            columns.append(Column(stage, counts.get(stage.value, 0), cards,
                                  query.cursors.get(stage.value), page.next_cursor))
        assignees = await listing_store.assignees(conn)
    return Board(columns, assignees)


def check_cursor(cursor: str) -> None:
    """BadCursor unless `cursor` is one of a column's (an old or edited link)."""
    decode_cursor(cursor, SORT)


async def prospect_name(pool: asyncpg.Pool, prospect_id: uuid.UUID) -> str | None:
    """The name a card shows; None for nobody (or a person erased)."""
    async with pool.acquire() as conn:
        row = await reading.prospect(conn, prospect_id)
    if row is None or row["erased_at"] is not None:
        return None
    return f"{row['first_name']} {row['last_name']}"
