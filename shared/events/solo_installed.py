import datetime
import uuid

from pydantic import BaseModel, ConfigDict

from .envelope import EventData


class InstalledVillage(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    insee_code: str
    name: str


class SoloInstalled(EventData):
    """A household moved into a village; the solo becomes a member. Published by onboarding."""

    event_type = "solo.installed"

    member_id: uuid.UUID
    prospect_id: uuid.UUID
    case_id: uuid.UUID
    village: InstalledVillage
    installed_on: datetime.date
    household_size: int
    sector: str | None = None
    origin_country: str | None = None
