"""What a member's own page shows of their bookings: those still to come (soonest first)
and how many are behind them. Pure: rows in, the split out."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from .lifecycle import ACTIVE, Status


@dataclass(frozen=True)
class MemberBookings:
    coming: list[Mapping]  # active bookings not over yet, soonest first
    past: int  # bookings over, kept or missed (cancelled ones are not counted)


def split_bookings(rows: Sequence[Mapping], now: datetime) -> MemberBookings:
    coming = [r for r in rows if Status(r["status"]) in ACTIVE and r["ends_at"] > now]
    past = sum(1 for r in rows
               if r["ends_at"] <= now and Status(r["status"]) is not Status.CANCELLED)
    return MemberBookings(sorted(coming, key=lambda r: r["starts_at"]), past)
