"""What a member may type into their card and their follow-up, for the API (PUT
/api/members/{id}/card, PUT /api/members/{id}/follow-ups/{months}) and the members' pages
alike: trimmed text of bounded length that PostgreSQL can store."""

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, HttpUrl, StringConstraints


def _storable(value: str) -> str:
    """PostgreSQL text holds no NUL character and only valid UTF-8."""
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return value


def Text(max_length: int, min_length: int = 0):  # noqa: N802 (a type factory)
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=min_length,
                                            max_length=max_length),
                     AfterValidator(_storable)]


class CardIn(BaseModel):
    """The whole card (PUT): what is not sent is cleared."""

    model_config = ConfigDict(extra="forbid")

    listed: bool = Field(description="show this card to the other members")
    profession: Text(120) | None = None
    skills: list[Text(60, min_length=1)] = Field(default_factory=list, max_length=20)
    website: HttpUrl | None = None
    short_description: Text(500) | None = None


class FollowUpIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    still_here: bool = Field(description="the household still lives in the village")
    activity_going: bool = Field(description="the business or remote job is going on")
    note: Text(2000) | None = None
