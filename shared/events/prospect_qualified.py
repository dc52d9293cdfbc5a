import uuid
from typing import Literal

from pydantic import Field

from .envelope import EventData


class ProspectQualified(EventData):
    """Staff judged the project serious and viable. Published by prospects."""

    event_type = "prospect.qualified"
    personal = frozenset({"first_name", "last_name", "email"})

    prospect_id: uuid.UUID
    first_name: str
    last_name: str
    email: str
    locale: Literal["fr", "en"] = "fr"
    household_size: int
    sector: str | None = None
    origin_country: str | None = None
    target_villages: list[str] = Field(default_factory=list, description="INSEE codes")
    qualified_by: str
    # Added after the contract's first list (optional: older readers and writers agree).
    move_horizon: str | None = Field(
        None, description="within_6_months, within_a_year, within_2_years, later, undecided")
    score: int | None = Field(None, description="0 to 100, computed at qualification")
    remote_work_viability: str | None = Field(None, description="confirmed, likely, to_confirm")
    children: int | None = Field(
        None, description="how many of household_size are children (staff enter adults and "
                          "children at qualification); null when not known")
