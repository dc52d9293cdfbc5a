"""What a welcome committee's contact must be, as the JSON API (PUT .../committee) and the
staff's village page both read it."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, HttpUrl


class CommitteeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr = Field(max_length=254)
    locale: Literal["fr", "en"]
    webhook_url: HttpUrl | None = Field(None, description="told of arrivals by a POST")
