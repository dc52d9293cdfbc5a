"""Where a page of the delivery log stops, and the order staff read it in.

The API lists messages newest first; the staff's page lists what needs attention first
(failed, then waiting, then sent, then suppressed), newest first within each. A cursor is
the last row's place in that order, as an opaque text: `<created_at>|<id>` for the API's
order, `<rank>|<created_at>|<id>` for the page's."""

import base64
import datetime
import uuid
from dataclasses import dataclass

# Failed first; waiting (pending, or being sent) next; sent; then those never sent because
# their recipient left the list.
ATTENTION = {"failed": 0, "pending": 1, "sending": 1, "sent": 2, "suppressed": 3}


@dataclass(frozen=True)
class Place:
    created_at: datetime.datetime
    id: uuid.UUID
    rank: int | None = None  # the status's rank in ATTENTION (the page's order only)


def place_of(row, *, ranked: bool) -> Place:
    return Place(row["created_at"], row["id"], ATTENTION[row["status"]] if ranked else None)


def encode(place: Place) -> str:
    parts = [place.created_at.isoformat(), str(place.id)]
    if place.rank is not None:
        parts.insert(0, str(place.rank))
    return base64.urlsafe_b64encode("|".join(parts).encode()).decode().rstrip("=")


def decode(cursor: str, *, ranked: bool) -> Place:
    """Raises ValueError for anything `encode` did not make (for that order)."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        raise ValueError("not a cursor") from None
    parts = text.split("|")
    if len(parts) != (3 if ranked else 2):
        raise ValueError("not a cursor of this list")
    rank = None
    if ranked:
        if not (parts[0].isascii() and parts[0].isdigit()) or int(parts[0]) > 9:
            raise ValueError("not a rank")
        rank = int(parts.pop(0))
    moment = datetime.datetime.fromisoformat(parts[0])
    if moment.tzinfo is None:
        raise ValueError("naive time")
    return Place(moment, uuid.UUID(parts[1]), rank)
