"""What a contact carries: `POST /api/contacts`, the web form and staff-recorded contacts
all validate through these models, so they accept and refuse exactly the same things
(they live here, below the API and the form, which never import each other)."""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from . import consent as consent_texts
from .field_types import (Blankable, CountryCode, EmailAddress, Line, Paragraphs, Phone,
                     VillageList)
from .pipeline import household_size
from .vocabulary import Channel, MoveHorizon, Sector


Count = Annotated[int, Strict()]  # a JSON number: "3" and true are refused


class ContactIn(BaseModel):
    """A person asking to be contacted about moving to the Gers."""

    model_config = ConfigDict(extra="ignore", str_max_length=10_000,
                              json_schema_extra={"examples": [{
                                  "first_name": "Camille", "last_name": "Martin",
                                  "email": "camille.martin@example.org", "consent": True,
                                  "locale": "fr", "origin_country": "FR",
                                  "household_size": 3, "desired_villages": ["32013"]}]})

    first_name: Line(100)
    last_name: Line(100)
    email: EmailAddress
    consent: Annotated[bool, Strict()] = Field(
        description="Must be true: the person agrees to be contacted (the text of "
                    "`consent_version`, in `locale`).")
    consent_version: Line(20) = Field(consent_texts.CURRENT_VERSION,
                                      description="Version of the consent text shown")
    phone: Annotated[Phone | None, Blankable] = None
    locale: Literal["fr", "en"] = "fr"
    message: Annotated[Paragraphs(5000) | None, Blankable] = None
    profession: Annotated[Line(120) | None, Blankable] = None
    sector: Annotated[Sector | None, Blankable] = None
    origin_city: Annotated[Line(120) | None, Blankable] = None
    origin_country: Annotated[CountryCode | None, Blankable] = Field(
        None, description="ISO 3166-1 alpha-2")
    household_adults: Annotated[Count | None, Blankable] = Field(None, ge=1, le=20)
    household_children: Annotated[Count | None, Blankable] = Field(None, ge=0, le=30)
    household_size: Annotated[Count | None, Blankable] = Field(
        None, ge=1, le=50, validate_default=True,
        description="People moving; adults + children when those are given")
    desired_villages: VillageList = Field(default_factory=list,
                                          description="INSEE codes of communes of the Gers")
    move_horizon: Annotated[MoveHorizon | None, Blankable] = None

    @field_validator("consent")
    @classmethod
    def _consent_given(cls, value: bool) -> bool:
        if value is not True:
            raise PydanticCustomError("consent_required",
                                      "consent must be true: no contact without it")
        return value

    @field_validator("consent_version")
    @classmethod
    def _known_version(cls, value: str) -> str:
        if not consent_texts.is_known_version(value):
            raise PydanticCustomError("consent_version_unknown",
                                      "unknown consent text version: {value}", {"value": value})
        return value

    @field_validator("household_size")
    @classmethod
    def _household_adds_up(cls, value: int | None, info: ValidationInfo) -> int | None:
        try:
            return household_size(info.data.get("household_adults"),
                                  info.data.get("household_children"), value)
        except ValueError as exc:
            raise PydanticCustomError("household_mismatch", str(exc)) from None


class RecordedContactIn(ContactIn):
    """A contact that came to staff by phone, email or at an event, recorded by them; the
    person's consent was asked and given then."""

    channel: Literal[Channel.PHONE, Channel.EMAIL, Channel.EVENT]
