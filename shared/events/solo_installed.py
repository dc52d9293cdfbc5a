import datetime
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .envelope import EventData


class InstalledVillage(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    insee_code: str
    name: str


class VillageCommittee(BaseModel):
    """The village's welcome committee, so it can be told of the arrival (email, webhook)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    email: str
    locale: Literal["fr", "en"] = "fr"
    webhook_url: str | None = None


class SoloInstalled(EventData):
    """A household moved into a village; the solo becomes a member. Published by onboarding."""

    event_type = "solo.installed"
    personal = frozenset({"committee"})  # a committee's address may be a volunteer's own

    member_id: uuid.UUID
    prospect_id: uuid.UUID
    case_id: uuid.UUID
    village: InstalledVillage
    installed_on: datetime.date
    household_size: int
    sector: str | None = None
    origin_country: str | None = None
    # Added: the committee of the village (None when it has none), for the welcome message.
    committee: VillageCommittee | None = Field(
        None, description="the village's welcome committee, when it has one")
