import datetime
import uuid
from typing import Literal

from pydantic import Field

from .envelope import EventData
from .solo_installed import InstalledVillage


class FollowUpDue(EventData):
    """A follow-up of an installed household (1, 6 or 12 months after installation) fell
    due and is not answered yet: the member is asked the questions (notifications emails
    them the link to their follow-up page). Published by onboarding, once per member and
    milestone; not for an erased member, a household that left or a milestone answered.
    Carries no name and no address: notifications knows them by `prospect_id`."""

    event_type = "follow_up.due"

    member_id: uuid.UUID
    prospect_id: uuid.UUID
    months: Literal[1, 6, 12]
    due_on: datetime.date
    village: InstalledVillage = Field(description="the member's village")
