"""The request and response models of the HTTP API: committees, the delivery log, templates.

Text fields are what the database can store: valid Unicode (no lone surrogate from JSON)
and no control characters (PostgreSQL refuses NUL); templates may hold line breaks and tabs."""

import datetime
import uuid
from typing import Any, Literal

from pydantic import BaseModel, EmailStr, Field

from ..domain.text_input import MAX_SOURCE, Line, Source, TemplateSource, checked  # noqa: F401


# Committees

class CommitteeIn(BaseModel):
    village_name: Line(100)
    email: EmailStr | None = None
    locale: Literal["fr", "en"] = "fr"
    webhook_url: Line(2000) | None = None
    digest: Literal["immediate", "weekly"] = Field(
        "immediate", description="one message per arrival, or a weekly digest")
    webhook_secret: Line(128, min_length=32) | None = Field(
        None,
        description="signs the webhooks; made up when a webhook is first set")
    rotate_secret: bool = Field(False, description="make up a new webhook secret")


class Committee(BaseModel):
    insee_code: str
    village_name: str
    email: str | None
    locale: Literal["fr", "en"]
    webhook_url: str | None
    webhook_secret: str | None
    digest: Literal["immediate", "weekly"]
    is_demo: bool
    updated_at: datetime.datetime
    send_to: str | None = Field(None, description=(
        "Where messages go when not to `email`: the committee's own choice, made on its "
        "page (/committees/notifications); PUT leaves it as it is"))


# The delivery log

Status = Literal["pending", "sending", "sent", "failed", "suppressed"]
Channel = Literal["email", "webhook"]


class Notification(BaseModel):
    id: uuid.UUID
    event_id: uuid.UUID
    event_type: str
    recipient: str
    channel: Channel
    template: str
    locale: str
    subject: str | None
    target: str | None  # the webhook URL last used
    status: Status
    attempts: int
    last_error: str | None
    next_attempt_at: datetime.datetime | None
    resends: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    sent_at: datetime.datetime | None


class NotificationDetail(Notification):
    message_id: str | None
    body_text: str | None
    payload: dict[str, Any] | None
    attachments: list[str]  # file names


class NotificationPage(BaseModel):
    items: list[Notification]
    next_cursor: str | None  # pass as `cursor` for the next (older) page


# Templates

Locale = Literal["fr", "en"]


class LocaleState(BaseModel):
    overridden: bool
    updated_by: str | None = None
    updated_at: datetime.datetime | None = None


class TemplateSummary(BaseModel):
    name: str
    audience: str
    essential: bool
    stream: str | None
    locales: dict[str, LocaleState]


class TemplateDetail(TemplateSource):
    name: str
    locale: Locale
    source: Literal["file", "override"]
