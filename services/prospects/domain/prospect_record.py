"""What staff read about a prospect: one prospect with everything attached, and the
export of all of it (GDPR access and portability). The API answers with these and the staff
pages export them, so both say exactly the same (they live here, below the API and the pages,
which never import each other)."""

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from .vocabulary import Channel, Stage


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
