"""What the live feed says about an event: a few non-personal facts (a channel, a country,
a village, a household size, a length of time), never a name, an email, a message or a
recipient. The words are chosen when the feed is shown (use_cases/feed.py). The projections
keep the latest events with their facts (`RecentEvent`) for the feed's first lines."""

import datetime
import uuid
from dataclasses import dataclass, field
from typing import Any

from shared.events import (BookingCancelled, ContactReceived, DeskBooked, EventData,
                           MemberFollowedUp, NotificationFailed, NotificationSent,
                           ProspectQualified, SoloInstalled)

from . import normalise
from .dates import local_date, minutes_between

SHORT_ID = 8  # telecentre ids are shown by their first characters


@dataclass(frozen=True)
class RecentEvent:
    event_id: uuid.UUID
    type: str
    occurred_at: datetime.datetime
    facts: dict[str, Any] = field(default_factory=dict)
    prospect_id: uuid.UUID | None = None
    member_id: uuid.UUID | None = None


def _day(moment: datetime.datetime) -> str:
    return local_date(moment).isoformat()


def facts(data: EventData) -> dict[str, Any]:
    """The non-personal facts of one event's data, for the feed."""
    match data:
        case ContactReceived():
            return {"channel": data.channel, "origin_country": normalise.country(
                data.origin_country), "household_size": data.household_size,
                "sector": normalise.sector(data.sector), "villages": len(data.desired_villages)}
        case ProspectQualified():
            return {"origin_country": normalise.country(data.origin_country),
                    "sector": normalise.sector(data.sector),
                    "household_size": data.household_size}
        case SoloInstalled():
            return {"village": data.village.name[:80], "insee_code": data.village.insee_code,
                    "household_size": normalise.household_size(data.household_size)}
        case MemberFollowedUp():
            return {"months": data.months, "still_here": data.still_here,
                    "activity_going": data.activity_going, "insee_code": data.insee_code[:10]}
        case DeskBooked():
            return {"telecentre": str(data.telecentre_id)[:SHORT_ID], "day": _day(data.starts_at),
                    "minutes": minutes_between(data.starts_at, data.ends_at)}
        case BookingCancelled():
            return {"day": _day(data.starts_at), "reason": (data.reason or "")[:20] or None}
        case NotificationSent() | NotificationFailed():  # failed is a kind of sent
            return {"channel": data.channel[:20], "template": data.template[:60]}
    return {}
