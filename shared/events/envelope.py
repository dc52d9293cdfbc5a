"""The CloudEvents 1.0 envelope (structured JSON mode) every integration event travels in."""

import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar, Generic, Literal, TypeVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_serializer

CONTENT_TYPE = "application/cloudevents+json"


class EventData(BaseModel):
    """Base of every event's `data`. Readers ignore fields they do not know (events grow)."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    event_type: ClassVar[str]
    # Fields that say who a person is (names, addresses, free text). The consumers get them;
    # the event history (the stream soho.events.log, kept for years) gets the event
    # without them, so that erasing a person leaves nothing of them there
    # (shared/events/history.py).
    personal: ClassVar[frozenset[str]] = frozenset()


DataT = TypeVar("DataT", bound=BaseModel)


class CloudEvent(BaseModel, Generic[DataT]):
    model_config = ConfigDict(extra="ignore", frozen=True)

    specversion: Literal["1.0"] = "1.0"
    id: uuid.UUID
    source: str = Field(min_length=1)
    type: str = Field(min_length=1)
    time: AwareDatetime
    subject: str | None = None
    datacontenttype: Literal["application/json"] = "application/json"
    # CloudEvents extension attribute: the request or event chain this event belongs to.
    correlationid: str | None = None
    data: DataT

    @field_serializer("time")
    def _rfc3339_utc(self, value: datetime) -> str:
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")

    def to_json_bytes(self) -> bytes:
        return self.model_dump_json(exclude_none=True).encode()


def new_event(
    data: EventData,
    *,
    source: str,
    subject: str | None = None,
    correlation_id: str | None = None,
) -> CloudEvent[Any]:
    """Wrap `data` in a fresh envelope; its id is kept on every redelivery."""
    return CloudEvent[type(data)](
        id=uuid.uuid4(),
        source=source,
        type=data.event_type,
        time=datetime.now(UTC),
        subject=subject,
        correlationid=correlation_id,
        data=data,
    )
