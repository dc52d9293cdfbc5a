import datetime
import uuid
from typing import Literal

from pydantic import AwareDatetime

from .envelope import EventData


class MemberFollowedUp(EventData):
    """A follow-up of an installed household (1, 6 or 12 months after installation) was
    recorded or corrected: is it still here, is the activity going. Published by onboarding,
    again on each correction (the latest `recorded_at` per member and milestone is the
    answer). No free text and no personal data: the staff's note stays in onboarding."""

    event_type = "member.followed_up"

    member_id: uuid.UUID
    prospect_id: uuid.UUID
    months: Literal[1, 6, 12]
    due_on: datetime.date
    still_here: bool
    activity_going: bool | None = None
    recorded_at: AwareDatetime
    insee_code: str  # the member's village
