import uuid
from typing import Literal

from pydantic import Field

from .envelope import EventData


class ContactReceived(EventData):
    """A person got in touch (web form, phone, email or an event). Published by prospects."""

    event_type = "contact.received"
    personal = frozenset({"first_name", "last_name", "email", "message", "profession",
                          "origin_city"})

    contact_id: uuid.UUID
    prospect_id: uuid.UUID
    is_new_prospect: bool
    channel: Literal["web", "phone", "email", "event"]
    first_name: str
    last_name: str
    email: str
    locale: Literal["fr", "en"] = "fr"
    origin_country: str | None = Field(None, description="ISO 3166-1 alpha-2")
    profession: str | None = None
    household_size: int | None = None
    desired_villages: list[str] = Field(default_factory=list, description="INSEE codes")
    message: str | None = None
    # Added after the contract's first list (optional: older readers and writers agree).
    sector: str | None = None
    origin_city: str | None = None
    move_horizon: str | None = Field(
        None, description="within_6_months, within_a_year, within_2_years, later, undecided")
