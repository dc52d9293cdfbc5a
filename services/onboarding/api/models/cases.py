"""What the case routes read and answer."""

import datetime
import uuid
from collections.abc import Sequence

import asyncpg
from pydantic import BaseModel, ConfigDict, Field

from ...domain import (TEMPLATE_BY_KEY, CaseStatus, OwnerRole, StepState, StepStatus,
                       is_overdue)
from . import InseeCode, Text


class Step(BaseModel):
    key: str
    title_fr: str
    title_en: str
    owner_role: OwnerRole
    due_on: datetime.date
    prerequisites: list[str]
    status: StepStatus
    overdue: bool
    resolved_at: datetime.datetime | None
    resolved_by: str | None
    skip_reason: str | None
    note: str | None


class Case(BaseModel):
    id: uuid.UUID
    prospect_id: uuid.UUID
    status: CaseStatus
    first_name: str | None = Field(description="null once the person is erased")
    last_name: str | None
    email: str | None
    locale: str
    household_size: int
    children: int | None = Field(description="null: not known")
    sector: str | None
    origin_country: str | None
    target_villages: list[str]
    qualified_by: str | None
    assigned_to: str | None = Field(None, description="the staff member following the case")
    opened_at: datetime.datetime
    notes: str | None
    closed_at: datetime.datetime | None
    abandon_reason: str | None
    anonymised: bool
    member_id: uuid.UUID | None
    installed_village: str | None
    installed_on: datetime.date | None
    steps: list[Step]


def step_out(row: asyncpg.Record, today: datetime.date) -> Step:
    template = TEMPLATE_BY_KEY[row["key"]]
    state = StepState(row["key"], StepStatus(row["status"]), tuple(row["prerequisites"]),
                      row["due_on"])
    return Step(key=row["key"], title_fr=template.title_fr, title_en=template.title_en,
                owner_role=row["owner_role"], due_on=row["due_on"],
                prerequisites=list(row["prerequisites"]), status=row["status"],
                overdue=is_overdue(state, today), resolved_at=row["resolved_at"],
                resolved_by=row["resolved_by"], skip_reason=row["skip_reason"],
                note=row["note"])


def case_out(row: asyncpg.Record, steps: Sequence[asyncpg.Record],
             today: datetime.date) -> Case:
    fields = {k: row[k] for k in Case.model_fields if k not in ("anonymised", "steps")}
    return Case(**fields, anonymised=row["anonymised_at"] is not None,
                steps=[step_out(s, today) for s in steps])


class CaseUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    children: int | None = Field(None, ge=0, le=98)
    notes: Text(4000) | None = None
    assigned_to: Text(100, min_length=1) | None = Field(
        None, description="the staff member who follows the case (null: nobody)")


class StepNote(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: Text(2000) | None = None


class SkipStep(StepNote):
    reason: Text(500, min_length=1)


class Abandon(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Text(500, min_length=1)


class InstallIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    village: InseeCode = Field(description="INSEE code of the commune")
    installed_on: datetime.date
    household_size: int = Field(ge=1, le=99)


class Installed(BaseModel):
    member_id: uuid.UUID
    case_id: uuid.UUID


class OverdueStep(BaseModel):
    case_id: uuid.UUID
    prospect_id: uuid.UUID
    first_name: str | None
    last_name: str | None
    key: str
    title_fr: str
    title_en: str
    owner_role: OwnerRole
    due_on: datetime.date
    days_overdue: int


class Reason(BaseModel):
    factor: str
    points: float
    fr: str
    en: str


class VillageMatch(BaseModel):
    insee_code: str
    name: str
    score: float
    host_status: str
    auch_km: float
    toulouse_km: float
    reasons: list[Reason]
