"""What staff send to move a prospect along the pipeline: the API reads these as JSON and the
staff pages as forms, so both accept and refuse exactly the same things."""

from typing import Annotated

from pydantic import BaseModel, Field, Strict, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from .field_types import Blankable, Paragraphs, StaffName, VillageList
from .vocabulary import MoveHorizon, Sector, Stage, Viability

StrictInt = Annotated[int, Strict()]


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
