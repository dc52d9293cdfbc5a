"""What the API reads and answers: the request and response models. (A contact's model is
domain.contact.ContactIn: the form reads it too; a prospect as staff read it is
domain.prospect_record, and what staff send to move it along domain.pipeline_input: the
staff pages read and answer the same.)"""

import uuid
from datetime import datetime

from pydantic import BaseModel

from ..domain.pipeline_input import (AssignmentIn, NoteIn, QualificationIn,  # noqa: F401
                                     StageChangeIn)
from ..domain.prospect_record import (Consent, ContactView, ProspectDetail,  # noqa: F401
                                      ProspectExport, ProspectSummary, QualificationView,
                                      ScoreReasonView, TimelineEntry)


class ContactAccepted(BaseModel):
    contact_id: uuid.UUID
    prospect_id: uuid.UUID
    is_new_prospect: bool


class ProspectPage(BaseModel):
    items: list[ProspectSummary]
    next_cursor: str | None  # pass as `cursor` for the next page; null on the last one


class ErasureAccepted(BaseModel):
    prospect_id: uuid.UUID
    erased_at: datetime
