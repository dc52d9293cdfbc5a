"""What the API reads and answers: the request and response models. (A contact's model is
domain.contact.ContactIn: the form reads it too.)"""

import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, Field, Strict, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from ..domain.field_types import Blankable, Paragraphs, StaffName, VillageList
from ..domain.vocabulary import Channel, MoveHorizon, Sector, Stage, Viability

StrictInt = Annotated[int, Strict()]


class ContactAccepted(BaseModel):
    contact_id: uuid.UUID
    prospect_id: uuid.UUID
    is_new_prospect: bool


class ProspectSummary(BaseModel):
    id: uuid.UUID
    first_name: str
    last_name: str
    email: str
    stage: Stage
    sector: str | None
    origin_country: str | None
    desired_villages: list[str]
    target_villages: list[str]
    assigned_to: str | None
    score: int | None
    created_at: datetime
    last_contact_at: datetime


class ProspectPage(BaseModel):
    items: list[ProspectSummary]
    next_cursor: str | None  # pass as `cursor` for the next page; null on the last one


class Consent(BaseModel):
    version: str
    given_at: datetime
    source: str
    text: str  # the exact words the person agreed to


class ContactView(BaseModel):
    id: uuid.UUID
    channel: Channel
    received_at: datetime
    recorded_by: str | None
    locale: str
    submitted: dict[str, Any] | None
    consent: Consent


class TimelineEntry(BaseModel):
    at: datetime
    actor: str
    kind: str
    details: dict[str, Any]


class ScoreReasonView(BaseModel):
    factor: str
    points: int
    explanation: str


class QualificationView(BaseModel):
    remote_work_viability: str
    household_adults: int
    household_children: int
    target_villages: list[str]
    move_horizon: str
    sector: str | None
    score: int
    score_reasons: list[ScoreReasonView]
    notes: str | None
    qualified_by: str
    qualified_at: datetime


class ProspectDetail(ProspectSummary):
    phone: str | None
    locale: str
    origin_city: str | None
    profession: str | None
    household_adults: int | None
    household_children: int | None
    household_size: int | None
    move_horizon: str | None
    lost_reason: str | None
    consent: Consent
    qualification: QualificationView | None
    contacts: list[ContactView]
    timeline: list[TimelineEntry]


class ProspectExport(BaseModel):
    """Everything held about the person (GDPR art. 15 and 20)."""

    exported_at: datetime
    prospect: ProspectDetail


class ErasureAccepted(BaseModel):
    prospect_id: uuid.UUID
    erased_at: datetime


# What staff send to move a prospect along the pipeline.
class StageChangeIn(BaseModel):
    stage: Stage
    reason: Annotated[Paragraphs(500) | None, Blankable] = Field(
        None, validate_default=True, description="Why the project was lost (required then)")

    @field_validator("reason")
    @classmethod
    def _lost_needs_a_reason(cls, value: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("stage") is Stage.LOST and not value:
            raise PydanticCustomError("reason_required", "a lost prospect needs a reason")
        return value


class NoteIn(BaseModel):
    text: Paragraphs(5000)


class AssignmentIn(BaseModel):
    assigned_to: StaffName | None = Field(description="The staff member, or null to unassign")


class QualificationIn(BaseModel):
    """The facts behind a serious, viable project, gathered by staff with the person."""

    remote_work_viability: Viability
    household_adults: StrictInt = Field(ge=1, le=20)
    household_children: StrictInt = Field(ge=0, le=30)
    target_villages: VillageList = Field(default_factory=list,
                                         description="INSEE codes of communes of the Gers")
    move_horizon: MoveHorizon
    sector: Sector | None = None
    notes: Annotated[Paragraphs(5000) | None, Blankable] = None
